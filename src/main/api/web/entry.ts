// Web-mode host as its own entry (what `npm start` falls back to): same as `hookscope serve`.
import { main } from '../../cli/main'

void main(['serve', ...process.argv.slice(2)]).then((code) => {
  process.exitCode = code
})

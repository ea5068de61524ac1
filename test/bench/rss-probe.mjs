// Loaded with `node --import` by bench:hostile: at exit, the process's peak resident size (KiB) on fd 2.
import { writeSync } from 'node:fs'

process.on('exit', () => {
  writeSync(2, `\n[peak-rss-kib] ${process.resourceUsage().maxRSS}\n`)
})

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, startApp } from './app'
import './styles/index.css'
import { applyTheme, loadTheme } from './features/settings/theme'

applyTheme(loadTheme())
startApp()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)

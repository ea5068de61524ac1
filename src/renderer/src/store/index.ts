import { api } from '../api'
import { createAppStore } from './create-store'

export const useAppStore = createAppStore({ api })
export type { AppState } from './types'

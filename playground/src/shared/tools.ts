// The playground's tools: their wire definitions (the emulator's assistant is created with them, and a real upstream
// can get them as a run override) and the client-side functions the thread store calls when the model asks.
import type { ToolFunction } from '@skein/core'

/** A color theme of the page. */
export type Theme = 'light' | 'dark'

/** A function tool in wire shape (plain data: the emulator's and core's tool types both accept it). */
export interface PlaygroundFunctionTool {
  type: 'function'
  function: { name: string; description: string; parameters: Record<string, unknown> }
}

/** A tool of the playground's assistant. */
export type PlaygroundTool = PlaygroundFunctionTool | { type: 'file_search' }

// Descriptions are short on purpose: the emulator's scripted model calls a function whose description has a word of
// the user's message (5+ letters), so every extra word would be a trigger.
/** `set_theme`: switches the page between dark and light. */
export const SET_THEME_TOOL: PlaygroundFunctionTool = {
  type: 'function',
  function: {
    name: 'set_theme',
    description: 'Set the color theme of the page: dark or light.',
    parameters: {
      type: 'object',
      properties: { theme: { type: 'string', enum: ['dark', 'light'] } },
      required: ['theme'],
      additionalProperties: false,
    },
  },
}

/** `get_weather`: a made-up forecast for a place, shown as a card. */
export const GET_WEATHER_TOOL: PlaygroundFunctionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the weather forecast for a city.',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string', description: 'City name' } },
      required: ['location'],
      additionalProperties: false,
    },
  },
}

/** Every tool of the playground's assistant: the two functions and file_search. */
export const PLAYGROUND_TOOLS: readonly PlaygroundTool[] = [SET_THEME_TOOL, GET_WEATHER_TOOL, { type: 'file_search' }]

/** What `get_weather` answers. */
export interface Forecast {
  location: string
  celsius: number
  condition: string
}

const CONDITIONS = ['sunny', 'cloudy', 'light rain', 'windy', 'snow showers', 'fog'] as const

/**
 * A deterministic, made-up forecast: the same place always gets the same weather.
 *
 * @param location - a place name
 * @returns the forecast
 */
export function fakeForecast(location: string): Forecast {
  let hash = 7
  for (const char of location.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return { location, celsius: (hash % 30) - 3, condition: CONDITIONS[hash % CONDITIONS.length] ?? 'sunny' }
}

function field(args: unknown, name: string): unknown {
  return typeof args === 'object' && args !== null ? (args as Record<string, unknown>)[name] : undefined
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    })
  })
}

/**
 * The client-side tool functions, for `useThread(..., { tools })`.
 *
 * @param setTheme - applies a theme to the page (the visible effect of `set_theme`)
 * @returns functions by name; each returns the output the store submits
 */
export function createPlaygroundTools(setTheme: (theme: Theme) => void): Record<string, ToolFunction> {
  return {
    set_theme(args) {
      const theme = field(args, 'theme')
      if (theme !== 'dark' && theme !== 'light') throw new Error('theme must be "dark" or "light"')
      setTheme(theme)
      return { theme, applied: true }
    },
    async get_weather(args, { signal }) {
      const location = field(args, 'location')
      if (typeof location !== 'string' || location.trim() === '') throw new Error('location must be a city name')
      // A short pause, so "calling get_weather..." is visible the way a real lookup would be.
      await pause(250, signal)
      return fakeForecast(location.trim())
    },
  }
}

// The scenario as a global function, for script runtimes: Vercel's edge runtime (`@edge-runtime/vm` evaluates
// scripts, not modules) and the Chromium page. Bundled as an IIFE; `runSkeinScenario(baseURL)` resolves to the
// result as JSON text, so it crosses the VM realm or the page boundary unchanged.
import { createClient } from '@skein/core'
import { runScenario } from '../scenario.ts'

interface ScenarioGlobal {
  runSkeinScenario?: (baseURL: string) => Promise<string>
}

;(globalThis as ScenarioGlobal).runSkeinScenario = async (baseURL) =>
  JSON.stringify(await runScenario(createClient, baseURL))

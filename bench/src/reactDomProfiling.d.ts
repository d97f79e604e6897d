// react-dom ships a profiling build (production code with the Profiler's timings on) without typings of its own; its
// client API is react-dom/client's.
declare module 'react-dom/profiling' {
  export { createRoot } from 'react-dom/client'
}

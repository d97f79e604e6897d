// Preloaded into the render child (`node --import`): happy-dom's window and document as globals before React or Vue
// load (Vue's runtime-dom reads `document` at import). The runtime's own fetch family stays: the emulator and the
// client need it, not happy-dom's.
import { Window } from 'happy-dom'

const window = new Window({ url: 'http://localhost/' })
Object.assign(globalThis, { window, document: window.document })
if (!('navigator' in globalThis)) Reflect.set(globalThis, 'navigator', window.navigator)
for (const name of ['Node', 'Element', 'HTMLElement', 'SVGElement', 'Text', 'Comment', 'DocumentFragment'] as const) {
  if (!(name in globalThis)) Reflect.set(globalThis, name, Reflect.get(window, name))
}
Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', false)

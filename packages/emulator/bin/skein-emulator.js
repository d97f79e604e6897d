#!/usr/bin/env node
// The `skein-emulator` command. A committed shim rather than a bin pointing into dist/, so that a workspace install
// (which runs before the first build) can link it; the CLI itself is dist/cli.js.
import '../dist/cli.js'

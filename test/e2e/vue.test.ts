import { definePlaygroundSuite } from './scenarios.ts'

definePlaygroundSuite('vue')

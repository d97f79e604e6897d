import { definePlaygroundSuite } from './scenarios.ts'

definePlaygroundSuite('react')

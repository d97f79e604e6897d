import { checkRole } from './author.ts'
import type { RoleOptions } from './createRolesCodec.ts'

const PREFIX = /^[A-Za-z][A-Za-z0-9_.-]{0,55}$/

/**
 * Checks the options of `createRolesCodec` (with its defaults applied), so a typo fails at start-up, not on a read.
 *
 * @param roles - per-role options
 * @param defaultWireRole - the wire role of unlisted custom roles
 * @param label - the label format
 * @param prefix - the reserved metadata prefix
 * @param trust - the trusted labels
 * @throws TypeError naming the bad option
 */
export function checkCodecOptions(
  roles: Readonly<Record<string, RoleOptions>>,
  defaultWireRole: unknown,
  label: unknown,
  prefix: unknown,
  trust: unknown,
): void {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new TypeError(
      `createRolesCodec: metadataPrefix must start with a letter and hold up to 56 letters, digits, '_', '-' or '.', got ${JSON.stringify(prefix)}.`,
    )
  }
  if (defaultWireRole !== 'user' && defaultWireRole !== 'assistant') {
    throw new TypeError(
      `createRolesCodec: defaultWireRole must be 'user' or 'assistant', got ${JSON.stringify(defaultWireRole)}.`,
    )
  }
  checkLabel(label, 'label')
  if (typeof roles !== 'object' || roles === null || Array.isArray(roles)) {
    throw new TypeError("createRolesCodec: roles must be an object such as { critic: { wireRole: 'assistant' } }.")
  }
  for (const [role, config] of Object.entries(roles)) {
    if (role === 'user' || role === 'assistant') {
      throw new TypeError(
        `createRolesCodec: the native role ${JSON.stringify(role)} cannot be configured. Did you mean a custom role?`,
      )
    }
    checkRole(role, prefix)
    if (typeof config !== 'object' || config === null) {
      throw new TypeError(`createRolesCodec: roles.${role} must be an object such as { wireRole: 'assistant' }.`)
    }
    const wire = config.wireRole
    if (wire !== undefined && wire !== 'user' && wire !== 'assistant') {
      throw new TypeError(
        `createRolesCodec: roles.${role}.wireRole must be 'user' or 'assistant', got ${JSON.stringify(wire)}.`,
      )
    }
    checkLabel(config.label, `roles.${role}.label`)
  }
  if (trust !== undefined && typeof trust !== 'function') {
    if (
      !Array.isArray(trust) ||
      !trust.every((item) => typeof item === 'string' && item !== '' && !/[:\r\n]/.test(item))
    ) {
      throw new TypeError(
        "createRolesCodec: trustLabels must be labels without their colon, such as ['ASSISTANT', 'CRITIC'], or a function.",
      )
    }
  }
}

function checkLabel(label: unknown, name: string): void {
  if (label !== undefined && label !== false && typeof label !== 'function') {
    throw new TypeError(
      `createRolesCodec: ${name} must be false or a function (author) => string, got ${typeof label}.`,
    )
  }
}

// Capability objects built from Athom's own definitions (homey-lib), so units, decimals, ranges and
// chart types are the ones a real Homey serves and never numbers somebody typed from memory.
import { createRequire } from 'node:module';
import type { CapabilityObj, CapabilityValue, EnumValue } from './types.ts';

/** A string, or one per language as homey-lib writes them (`{ en, nl, de, … }`). */
export type Localized = string | Readonly<Record<string, string>>;
export type Language = 'en' | 'nl' | 'de';

/** The parts of a homey-lib capability definition we read; the rest passes through untyped. */
export interface CapabilityDefinition {
  type: string;
  title: Localized;
  titleShort?: Localized;
  desc?: Localized;
  units?: Localized;
  decimals?: number;
  min?: number;
  max?: number;
  step?: number;
  chartType?: string;
  insights?: boolean;
  insightsTitleTrue?: Localized;
  insightsTitleFalse?: Localized;
  values?: { id: string; title: Localized }[];
  getable?: boolean;
  setable?: boolean;
  uiComponent?: string | null;
  uiQuickAction?: boolean;
  [extra: string]: unknown;
}

interface HomeyLib {
  getCapabilities(): Record<string, CapabilityDefinition>;
}

let definitions: Record<string, CapabilityDefinition> | undefined;

function allDefinitions(): Record<string, CapabilityDefinition> {
  // homey-lib is CommonJS; loaded on first use so importing this module stays cheap.
  definitions ??= (createRequire(import.meta.url)('homey-lib') as HomeyLib).getCapabilities();
  return definitions;
}

/** `measure_temperature.outside` → `measure_temperature`: the part before the dot names the kind. */
export function baseCapabilityId(id: string): string {
  return id.split('.', 1)[0] ?? id;
}

/** The system definition for a capability id (sub-ids use their base), or undefined for app capabilities. */
export function capabilityDefinition(id: string): Readonly<CapabilityDefinition> | undefined {
  return Object.hasOwn(allDefinitions(), baseCapabilityId(id)) ? allDefinitions()[baseCapabilityId(id)] : undefined;
}

/** Meters count up for ever (kWh, m³); charts and buckets must treat them as cumulative. */
export function isMeter(id: string): boolean {
  return baseCapabilityId(id).startsWith('meter_');
}

/** Buttons are write-only triggers: never logged, never simulated. */
export function isButton(id: string): boolean {
  return baseCapabilityId(id) === 'button';
}

/** One string in the Homey's language, falling back to English, then to any language present. */
export function localize(value: Localized | null | undefined, language: Language = 'en'): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return value[language] ?? value.en ?? Object.values(value)[0] ?? null;
}

export interface BuildCapabilityOptions {
  value: CapabilityValue;
  lastUpdated: string | null;
  language?: Language;
  /** The title this device gives the capability (how sub-ids tell themselves apart). */
  title?: Localized;
  /**
   * Per-device settings on top of the definition (an app's `capabilitiesOptions`): min/max/step,
   * decimals, titleTrue/False… For app capabilities this is the whole definition. Localized
   * objects are resolved to the Homey's language, like Homey does.
   */
  overrides?: CapabilityOverrides;
}

/** `Partial<CapabilityObj>`, except that text fields may still be localized objects. */
export interface CapabilityOverrides {
  type?: string;
  title?: Localized | null;
  desc?: Localized | null;
  units?: Localized | null;
  titleTrue?: Localized | null;
  titleFalse?: Localized | null;
  insightsTitleTrue?: Localized | null;
  insightsTitleFalse?: Localized | null;
  values?: { id: string; title: Localized }[];
  getable?: boolean;
  setable?: boolean;
  decimals?: number | null;
  min?: number;
  max?: number;
  step?: number;
  chartType?: string;
  insights?: boolean;
  iconObj?: { id: string; url: string } | null;
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

const LOCALIZED_FIELDS = ['desc', 'units', 'titleTrue', 'titleFalse', 'insightsTitleTrue', 'insightsTitleFalse'] as const;

/**
 * The capability object as `GET devices/device` on a Homey Pro (API v3) lists it in `capabilitiesObj`.
 * Field set: the union of the two shapes real dumps show (older firmware: desc/chartType/options;
 * Homey Pro 2023: iconObj/insights/insightsTitleTrue/False), so clients meet every field they may see.
 */
export function buildCapability(id: string, opts: BuildCapabilityOptions): CapabilityObj {
  const language = opts.language ?? 'en';
  const def = capabilityDefinition(id);
  const overrides = opts.overrides ?? {};
  const type = def?.type ?? (typeof overrides.type === 'string' ? overrides.type : 'number');
  const titleSource: Localized = opts.title ?? overrides.title ?? def?.title ?? id;

  // Older firmware lists value and lastUpdated first; key order carries no meaning on the wire.
  const cap: CapabilityObj = {
    value: opts.value,
    lastUpdated: opts.lastUpdated,
    id,
    type,
    iconObj: null,
    title: localize(titleSource, language),
    getable: def?.getable ?? true,
    setable: def?.setable ?? false,
    // App capabilities are logged unless they opt out; system ones only when homey-lib says so.
    insights: def ? def.insights === true : type === 'number' || type === 'boolean',
    insightsTitleTrue: localize(def?.insightsTitleTrue, language),
    insightsTitleFalse: localize(def?.insightsTitleFalse, language),
    desc: localize(def?.desc, language),
    units: localize(def?.units, language),
  };
  if (type === 'number') {
    if (def?.decimals !== undefined) cap.decimals = def.decimals;
    if (def?.min !== undefined) cap.min = def.min;
    if (def?.max !== undefined) cap.max = def.max;
    if (def?.step !== undefined) cap.step = def.step;
  }
  if (def?.values) cap.values = def.values.map((v) => localizedEnumValue(v, language));
  if (def?.chartType !== undefined) cap.chartType = def.chartType;
  // Device options hold what the app configured, unresolved: real dumps show `options.title` as
  // `{ en, no }` next to the resolved `title`, so a client must never render options as text.
  cap.options = opts.title !== undefined ? { title: typeof opts.title === 'string' ? { [language]: opts.title } : opts.title } : {};

  for (const [key, raw] of Object.entries(overrides)) {
    if (raw === undefined || key === 'title' || key === 'value' || key === 'lastUpdated') continue;
    if (key === 'values') {
      cap.values = (raw as { id: string; title: Localized }[]).map((v) => localizedEnumValue(v, language));
    } else if (key === 'options') {
      cap.options = { ...cap.options, ...(raw as Record<string, unknown>) };
    } else if ((LOCALIZED_FIELDS as readonly string[]).includes(key)) {
      cap[key] = localize(raw as Localized | null, language);
    } else {
      cap[key] = raw;
    }
  }
  return cap;
}

function localizedEnumValue(v: { id: string; title: Localized }, language: Language): EnumValue {
  return { id: v.id, title: localize(v.title, language) ?? v.id };
}

/** The `uiComponent` Homey would pick for a capability (homey-lib's, or a guess for app capabilities). */
export function uiComponentOf(id: string, cap: Pick<CapabilityObj, 'type' | 'setable'>): string | null {
  const def = capabilityDefinition(id);
  if (def) return def.uiComponent ?? null;
  if (cap.type === 'enum') return 'picker';
  if (cap.type === 'boolean') return cap.setable ? 'toggle' : 'sensor';
  if (cap.type === 'number') return cap.setable ? 'slider' : 'sensor';
  return null;
}

import * as v from 'valibot';

// What a person chooses for one screen, kept in this browser only (localStorage) and exportable as a
// JSON file. Nothing here is secret: no token, key, session or address of the Athom account; the
// export is made from this model alone, so a secret cannot slip into it.

export const LANGUAGES = ['auto', 'en', 'nl', 'de'] as const;
export const THEMES = ['auto', 'light', 'dark', 'eink'] as const;
export const DENSITIES = ['comfortable', 'compact', 'wall'] as const;

export type Language = (typeof LANGUAGES)[number];
export type Theme = (typeof THEMES)[number];
export type Density = (typeof DENSITIES)[number];

const time = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 22:30'));

const viewSchema = v.object({
  /** Zones to show, in this order; empty means every zone. */
  zones: v.optional(v.array(v.string()), []),
  /** Devices to show, in this order (before the zones); empty means the Homey's favourites. */
  devices: v.optional(v.array(v.string()), []),
  theme: v.optional(v.picklist(THEMES)),
});

export type View = v.InferOutput<typeof viewSchema>;

const kioskSchema = v.object({
  /** Kiosk behaviour (wake lock, dimming, burn-in shift, hidden cursor); `?kiosk=1` turns it on too. */
  enabled: v.optional(v.boolean(), false),
  wakeLock: v.optional(v.boolean(), true),
  dimEnabled: v.optional(v.boolean(), false),
  dimFrom: v.optional(time, '22:00'),
  dimUntil: v.optional(time, '07:00'),
  /** How much light is left while dimmed, 0.05–1. */
  dimLevel: v.optional(v.pipe(v.number(), v.minValue(0.05), v.maxValue(1)), 0.3),
  burnInShift: v.optional(v.boolean(), true),
  hideCursorAfterSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600)), 5),
  /** Settings and sign-out only behind a long press. */
  locked: v.optional(v.boolean(), false),
});

export const settingsSchema = v.object({
  version: v.literal(1),
  language: v.optional(v.picklist(LANGUAGES), 'auto'),
  theme: v.optional(v.picklist(THEMES), 'auto'),
  density: v.optional(v.picklist(DENSITIES), 'comfortable'),
  devicesPollMs: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(600_000))), null),
  kiosk: v.optional(kioskSchema, {}),
  views: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/, 'view names are letters, digits, - and _ (at most 40)')), viewSchema),
      v.check((views) => Object.keys(views).length <= 50, 'at most 50 views'),
    ),
    {},
  ),
});

export type Settings = v.InferOutput<typeof settingsSchema>;
export type KioskSettings = Settings['kiosk'];

export const DEFAULT_SETTINGS: Settings = v.parse(settingsSchema, { version: 1 });

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; problems: string[] };

/** Validates settings from storage or an imported file; every problem is named with its path. */
export function checkSettings(raw: unknown): SettingsCheck {
  const result = v.safeParse(settingsSchema, raw);
  if (result.success) return { ok: true, settings: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    }),
  };
}

const EXPORT_KIND = 'homey-wall-dashboard/settings';

/** The file a person downloads: the settings and a marker, nothing else. */
export function exportSettings(settings: Settings): string {
  return `${JSON.stringify({ kind: EXPORT_KIND, settings }, null, 2)}\n`;
}

/** Reads an exported file. A bad file changes nothing: the caller keeps the current settings. */
export function importSettings(text: string): SettingsCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['This file is not JSON. Choose a file exported from this dashboard.'] };
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { kind?: unknown }).kind !== EXPORT_KIND) {
    return { ok: false, problems: ['This is not a settings file of the Homey wall dashboard.'] };
  }
  return checkSettings((parsed as { settings?: unknown }).settings);
}

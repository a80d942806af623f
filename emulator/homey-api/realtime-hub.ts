import { randomUUID } from 'node:crypto';
import type { Clock } from '../control/clock.ts';
import type { RealtimeConnectionInfo, RealtimeState, RouteName } from '../control/wire-types.ts';
import type { Device } from '../home-state/types.ts';

// One Homey's realtime side, shared by its two listeners (LAN and relay): what happened in the
// home (published once, whatever caused it) and the socket connections that may hear it, with the
// controls a test uses to make those connections fail. It outlives a control reset, so the
// transaction times it hands out only ever grow.

export interface RealtimeEvent {
  /** The URI a client subscribed to, also the socket.io event name: `homey:device:<id>`, `homey:manager:devices`. */
  uri: string;
  /** `capability` on a device; `device.update`, `zone.create`, `flow.delete`… on a manager. */
  event: string;
  data: unknown;
}

/** One socket connection as the hub sees it; the realtime server of a listener implements it. */
export interface RealtimeConnection {
  readonly route: RouteName;
  info(): RealtimeConnectionInfo;
  /** The transport goes away under the client (the TCP connection is destroyed). */
  drop(): void;
  /** The Homey ends the connection: socket.io disconnect packets, then the transport closes. */
  disconnect(): void;
  /** Nothing goes out any more and nothing coming in is heard; the TCP connection stays open. */
  silence(): void;
  /** Ends the connection if the session it hand-shook with no longer holds. */
  recheck(): void;
}

export type ManagerId = 'devices' | 'zones' | 'flow' | 'insights';

export interface Transaction {
  transactionId: string;
  transactionTime: number;
}

export class RealtimeHub {
  private readonly listeners = new Set<(event: RealtimeEvent) => void>();
  private readonly connections = new Set<RealtimeConnection>();
  private lastTransactionTime = 0;
  private refusals = { remaining: 0, statusCode: 503 };
  private delayMs = 0;

  constructor(private readonly clock: Clock) {}

  /** Listens to every event of this Homey; returns the way to stop. */
  onEvent(listener: (event: RealtimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event to every subscriber of `uri`; `data` is copied now, so a delayed event says what was true when it happened. */
  publish(uri: string, event: string, data: unknown): void {
    const message: RealtimeEvent = { uri, event, data: structuredClone(data) };
    const deliver = () => {
      for (const listener of this.listeners) listener(message);
    };
    if (this.delayMs > 0) setTimeout(deliver, this.delayMs);
    else deliver();
  }

  /** Strictly increasing per Homey, so two changes in one millisecond still tell apart (the official client drops an event whose time equals the last one). */
  nextTransactionTime(): number {
    this.lastTransactionTime = Math.max(this.clock.now(), this.lastTransactionTime + 1);
    return this.lastTransactionTime;
  }

  /**
   * Announces a capability's stored value on `homey:device:<id>`. The capability's `lastUpdated` becomes
   * the transaction time, so what a client hears and what it reads later agree to the millisecond.
   */
  capability(device: Device, capabilityId: string, transaction: Partial<Transaction> = {}): Transaction {
    const transactionTime = transaction.transactionTime ?? this.nextTransactionTime();
    const transactionId = transaction.transactionId ?? randomUUID();
    const capability = device.capabilitiesObj[capabilityId];
    if (capability) capability.lastUpdated = new Date(transactionTime).toISOString();
    const value = capability?.value ?? null;
    this.publish(`homey:device:${device.id}`, 'capability', { capabilityId, value, transactionId, transactionTime });
    return { transactionId, transactionTime };
  }

  /** A CRUD event on a manager, e.g. `('devices', 'device.update', device)`; a delete carries `{id}`. */
  item(manager: ManagerId, event: string, data: unknown): void {
    this.publish(`homey:manager:${manager}`, event, data);
  }

  register(connection: RealtimeConnection): () => void {
    this.connections.add(connection);
    return () => this.connections.delete(connection);
  }

  /** Re-checks every connection's session (after a control call expired or revoked some). */
  sweep(): void {
    for (const c of [...this.connections]) c.recheck();
  }

  drop(route?: RouteName): number {
    return this.each(route, (c) => c.drop());
  }

  disconnect(route?: RouteName): number {
    return this.each(route, (c) => c.disconnect());
  }

  silence(route?: RouteName): number {
    return this.each(route, (c) => c.silence());
  }

  refuseHandshakes(count: number, statusCode: number): void {
    this.refusals = { remaining: count, statusCode };
  }

  /** Consumes one refusal if any is left: the status the next handshake is refused with. */
  takeRefusal(): number | undefined {
    if (this.refusals.remaining <= 0) return undefined;
    this.refusals.remaining--;
    return this.refusals.statusCode;
  }

  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  state(): RealtimeState {
    return {
      connections: [...this.connections].map((c) => c.info()),
      refuseHandshakes: { ...this.refusals },
      delayMs: this.delayMs,
    };
  }

  /** A new world: every connection is ended (its sessions are gone) and the controls are off. */
  reset(): void {
    this.disconnect();
    this.refusals = { remaining: 0, statusCode: 503 };
    this.delayMs = 0;
  }

  private each(route: RouteName | undefined, action: (c: RealtimeConnection) => void): number {
    let count = 0;
    for (const c of [...this.connections]) {
      if (route !== undefined && c.route !== route) continue;
      action(c);
      count++;
    }
    return count;
  }
}

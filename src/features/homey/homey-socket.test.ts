import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { emulatorPerFile } from '../../../test-support/emulator-client.ts';
import { SocketAckError, connectHomeySocket, parsePacket, socketUrl } from './homey-socket.ts';
import type { HomeySocket, HomeySocketOptions, SocketCloseReason, SocketTimers, WebSocketClass } from './homey-socket.ts';

// Against the emulator's real socket.io 4.8 server (allowEIO3), as the official client's
// socket.io-client 2 meets a Homey (docs/homey-web-api.md §4). Node 20 has no WebSocket: the `ws`
// package stands in for the browser's.

const emulator = emulatorPerFile();
const Ws = WebSocket as unknown as WebSocketClass;
const homey = () => emulator().info.homeys[0]!;
const fullKey = () => homey().apiKeys.find((k) => k.scopes.includes('homey'))!.token;

interface Opened {
  socket: HomeySocket;
  events: { namespace: string; name: string; args: unknown[] }[];
  closed: Promise<SocketCloseReason>;
}

async function open(options: Partial<HomeySocketOptions> = {}): Promise<Opened> {
  const events: Opened['events'] = [];
  let closedWith!: (reason: SocketCloseReason) => void;
  const closed = new Promise<SocketCloseReason>((resolve) => (closedWith = resolve));
  const socket = await connectHomeySocket({
    baseUrl: homey().localUrl,
    WebSocket: Ws,
    onEvent: (namespace, name, args) => events.push({ namespace, name, args }),
    onClose: closedWith,
    ...options,
  });
  return { socket, events, closed };
}

async function handshaken(options: Partial<HomeySocketOptions> = {}): Promise<Opened> {
  const opened = await open(options);
  const [, answer] = await opened.socket.request('/', 'handshakeClient', { token: fullKey(), homeyId: homey().id });
  await opened.socket.openNamespace((answer as { namespace: string }).namespace);
  return opened;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('socketUrl', () => {
  it('is the origin’s /socket.io/ over ws or wss, engine.io 3, websocket only', () => {
    expect(socketUrl('http://192.168.1.5')).toBe('ws://192.168.1.5/socket.io/?EIO=3&transport=websocket');
    expect(socketUrl('https://abc.connect.athom.com/some/path')).toBe('wss://abc.connect.athom.com/socket.io/?EIO=3&transport=websocket');
  });
});

describe('parsePacket', () => {
  it('reads namespace, ack id and data', () => {
    expect(parsePacket('3/api,12[]')).toEqual({ type: 3, namespace: '/api', id: 12, data: [] });
    expect(parsePacket('2["a",1]')).toEqual({ type: 2, namespace: '/', id: undefined, data: ['a', 1] });
    expect(parsePacket('0/api,')).toEqual({ type: 0, namespace: '/api', id: undefined, data: undefined });
    expect(parsePacket('2/api,[broken')).toBeUndefined();
  });
});

describe('connectHomeySocket against the emulator', () => {
  it('hand-shakes, opens /api once, subscribes, and hears a capability event written over HTTP', async () => {
    const { socket, events } = await handshaken();
    const devices = (await (await fetch(`${homey().localUrl}/api/manager/devices/device`, { headers: { Authorization: `Bearer ${fullKey()}` } })).json()) as Record<string, { capabilitiesObj?: Record<string, { value: unknown }> }>;
    const light = Object.keys(devices).find((id) => typeof devices[id]!.capabilitiesObj?.onoff?.value === 'boolean')!;
    const was = devices[light]!.capabilitiesObj!.onoff!.value as boolean;
    expect(await socket.request('/api', 'subscribe', `homey:device:${light}`)).toEqual([]);
    // Asking again for the same namespace is answered by the first promise, not a second `40/api,`.
    await socket.openNamespace('/api');
    await emulator().control('PUT', `/__emulator/homeys/${homey().id}/devices/${light}/capabilities/onoff`, { value: !was });
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ namespace: '/api', name: `homey:device:${light}`, args: ['capability', { capabilityId: 'onoff', value: !was }] });
    expect(typeof (events[0]!.args[1] as { transactionTime: unknown }).transactionTime).toBe('number');
    const state = await emulator().control<{ connections: { protocol: number; namespaces: string[]; subscriptions: string[] }[] }>('GET', `/__emulator/homeys/${homey().id}/realtime`);
    expect(state.connections).toEqual([expect.objectContaining({ protocol: 3, namespaces: ['/', '/api'], subscriptions: [`homey:device:${light}`] })]);
    socket.close();
  });

  it('turns a refused handshake into a SocketAckError with its status', async () => {
    const { socket } = await open();
    const error = await socket.request('/', 'handshakeClient', { token: 'not-a-token', homeyId: homey().id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocketAckError);
    expect((error as SocketAckError).statusCode).toBe(401);
    socket.close();
  });

  it('refuses /api to a connection that did not hand-shake', async () => {
    const { socket } = await open();
    await expect(socket.openNamespace('/api')).rejects.toBeInstanceOf(SocketAckError);
    socket.close();
  });

  it('hears the Homey hang up, and a dropped transport', async () => {
    const first = await handshaken();
    await emulator().control('POST', `/__emulator/homeys/${homey().id}/realtime/disconnect`);
    expect(await first.closed).toBe('server');
    const second = await handshaken();
    await emulator().control('POST', `/__emulator/homeys/${homey().id}/realtime/drop`);
    expect(await second.closed).toBe('transport');
  });

  it('notices a silent socket: no pong within the timeout closes it', async () => {
    const opened = await handshaken({ heartbeat: { intervalMs: 200, timeoutMs: 300 } });
    // Heartbeats answered: still open after several rounds.
    await new Promise((r) => setTimeout(r, 800));
    await emulator().control('POST', `/__emulator/homeys/${homey().id}/realtime/silence`);
    const started = Date.now();
    expect(await opened.closed).toBe('ping-timeout');
    expect(Date.now() - started).toBeLessThan(200 + 300 + 400);
  });

  it('closes when its timers jumped (a device that slept), even if the wire seems fine', async () => {
    let offset = 0;
    const timers: SocketTimers = {
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now() + offset,
    };
    const opened = await handshaken({ timers, heartbeat: { intervalMs: 200, timeoutMs: 300 } });
    // The clock moved a minute while the ping timer waited: the tablet slept.
    offset = 60_000;
    expect(await opened.closed).toBe('timers-jumped');
  });

  it('rejects an ack that never comes', async () => {
    const opened = await handshaken({ ackTimeoutMs: 300 });
    await emulator().control('POST', `/__emulator/homeys/${homey().id}/realtime/silence`);
    await expect(opened.socket.request('/api', 'subscribe', 'homey:manager:devices')).rejects.toThrow(/no answer within 300 ms/);
    opened.socket.close();
  });

  it('fails to open when nothing listens', async () => {
    await expect(connectHomeySocket({ baseUrl: 'http://127.0.0.1:9', WebSocket: Ws })).rejects.toThrow(/closed/);
  });
});

// An independent devp2p peer for the annals-p2p interop test, on @ethereumjs/devp2p.
//
// Configuration (environment):
//   PEER_KEY     hex private key of this peer (deterministic node id)
//   PEER_CAPS    comma-separated capabilities: "xfer/1" (a raw two-message test capability)
//                and/or "eth/66", "eth/67", "eth/68"
//   PEER_LISTEN  "1" to listen on 127.0.0.1 (port chosen by the OS)
//   PEER_CHAIN   with eth: a chain file to serve (see eth.mjs); Status is sent from it
//   PEER_HARDFORK with eth: the mainnet hardfork the peer is at (its fork id), e.g. "cancun"
//
// Commands, one per line on stdin:
//   dial <node id hex> <port>      connect to 127.0.0.1:<port>
//   ping                           send Ping to the connected peer
//   send <code> <size> <seed>      send a deterministic xfer payload, Snappy-compressed by snappyjs
//   disconnect <reason>            send Disconnect (ethereumjs sends the bare reason, uncompressed)
//   get-headers, get-bodies, get-receipts   eth requests, see eth.mjs
//   quit                           stop
//
// Events, one per line on stdout: an event name, then key=value pairs (values URI-encoded).
import { createHash } from 'node:crypto'
import { createInterface } from 'node:readline'
import { Common, Mainnet } from '@ethereumjs/common'
import { ETH, RLPx } from '@ethereumjs/devp2p'
import snappy from 'snappyjs'
import { attachEth, ethCommands, loadChain } from './eth.mjs'

const emit = (event, fields = {}) => {
  const pairs = Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  process.stdout.write([event, ...pairs].join(' ') + '\n')
}
const hex = (bytes) => Buffer.from(bytes).toString('hex')
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

// Deterministic, partly compressible payload: 1 KiB random blocks from a seeded xorshift, each block
// repeated a few times so that Snappy finds matches.
function payload(size, seed) {
  const out = new Uint8Array(size)
  let x = (seed | 0) || 1
  const block = new Uint8Array(1024)
  for (let i = 0; i < size; i++) {
    if (i % 4096 === 0) {
      for (let j = 0; j < block.length; j++) {
        x ^= x << 13; x ^= x >>> 17; x ^= x << 5
        block[j] = x & 0xff
      }
    }
    out[i] = block[i % 1024]
  }
  return out
}

let current = null // the Xfer protocol instance of the connected peer

// A raw capability: ethereumjs hands our send function the message id relative to the offset and
// passes incoming payloads already Snappy-decompressed.
class Xfer {
  constructor(version, peer, send) {
    this.version = version
    this.peer = peer
    this.send = send
    current = this
  }
  _handleMessage(code, data) {
    emit('message', { code, size: data.length, sha256: sha256(data) })
  }
}

const capabilities = (process.env.PEER_CAPS ?? 'xfer/1').split(',').map((c) => {
  const [name, version] = c.split('/')
  if (name === 'eth') return ETH[`eth${version}`]
  return { name, version: Number(version), length: 2, constructor: Xfer }
})

const privateKey = Uint8Array.from(Buffer.from(process.env.PEER_KEY, 'hex'))
const common = new Common({ chain: Mainnet, hardfork: process.env.PEER_HARDFORK })
const chain = process.env.PEER_CHAIN ? loadChain(process.env.PEER_CHAIN) : undefined
let eth = undefined // the ETH protocol instance of the connected peer, when eth is shared
const rlpx = new RLPx(privateKey, { maxPeers: 10, capabilities, common, timeout: 10000 })
let connected = null

rlpx.events.on('peer:added', (peer) => {
  connected = peer
  const hello = peer.getHelloMessage()
  peer._handlePong = () => emit('pong')
  const handlePing = peer._handlePing.bind(peer)
  peer._handlePing = () => { emit('ping'); handlePing() }
  emit('peer', {
    id: hex(peer.getId()),
    clientId: hello.clientId,
    caps: hello.capabilities.map((c) => `${c.name}/${c.version}`).join(','),
    shared: peer._protocols.map((p) => `${p.protocol.constructor.name}/${p.protocol._version ?? p.protocol.version}`).join(','),
  })
  if (chain !== undefined) eth = attachEth(peer, chain, emit)
})
rlpx.events.on('peer:removed', (peer, reason, disconnectWe) => {
  emit('removed', { reason, byUs: disconnectWe === true })
  connected = null
})
rlpx.events.on('peer:error', (peer, err) => emit('peer-error', { message: err.message }))
rlpx.events.on('error', (err) => emit('error', { message: err.message }))
rlpx.events.on('listening', () => emit('listening', { port: rlpx._server.address().port, id: hex(rlpx.id) }))

if (process.env.PEER_LISTEN === '1') {
  rlpx.listen(0, '127.0.0.1')
} else {
  emit('ready', { id: hex(rlpx.id) })
}

const commands = {
  dial: ([id, port]) => {
    rlpx.connect({ id: Uint8Array.from(Buffer.from(id, 'hex')), address: '127.0.0.1', tcpPort: Number(port) })
      .catch((err) => emit('dial-error', { message: err.message }))
  },
  ping: () => connected._sendPing(),
  send: ([code, size, seed]) => {
    const data = payload(Number(size), Number(seed))
    current.send(Number(code), snappy.compress(data))
    emit('sent', { code, size: data.length, sha256: sha256(data) })
  },
  disconnect: ([reason]) => connected.disconnect(Number(reason)),
  ...ethCommands(() => eth),
  quit: () => {
    rlpx.destroy()
    process.exit(0)
  },
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [name, ...args] = line.trim().split(/\s+/)
  if (name === '') return
  try {
    commands[name](args)
  } catch (err) {
    emit('command-error', { command: name, message: err.message })
  }
})
process.stdin.on('end', () => process.exit(0))

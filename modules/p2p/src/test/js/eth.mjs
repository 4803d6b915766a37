// The eth/68 side of the interop peer: it serves a chain the Java test wrote to a file and asks the
// other side for headers, bodies and receipts, reporting every item it gets as hex.
//
// Chain file (JSON): { td, head, genesis: hex, blocks: [{ number: decimal string, hash, header,
// body, receipts: hex }] }, where header, body and receipts (the eth/68 per-block list) are RLP.
import { readFileSync } from 'node:fs'
import { ETH } from '@ethereumjs/devp2p'
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToBigInt, bytesToHex, hexToBytes } from '@ethereumjs/util'
import { keccak256 } from 'ethereum-cryptography/keccak.js'

const GET_BLOCK_HEADERS = 0x03
const BLOCK_HEADERS = 0x04
const GET_BLOCK_BODIES = 0x05
const BLOCK_BODIES = 0x06
const GET_RECEIPTS = 0x0f
const RECEIPTS = 0x10

export function loadChain(path) {
  const file = JSON.parse(readFileSync(path, 'utf8'))
  const byNumber = new Map(file.blocks.map((b) => [BigInt(b.number), b]))
  const byHash = new Map(file.blocks.map((b) => [b.hash, b]))
  return { ...file, byNumber, byHash }
}

// Hooks eth onto a connected peer: reports the other side's Status, serves its requests from the
// chain, reports the answers to ours, and sends our Status.
export function attachEth(peer, chain, emit) {
  const eth = peer.getProtocols().find((p) => p instanceof ETH)
  if (eth === undefined) return undefined
  eth.events.on('status', (status) => emit('eth-status', {
    networkId: bytesToBigInt(status.chainId),
    td: bytesToBigInt(status.td),
    bestHash: bytesToHex(status.bestHash),
    genesis: bytesToHex(status.genesisHash),
    forkHash: bytesToHex(status.forkId[0]),
    forkNext: bytesToBigInt(status.forkId[1]),
  }))
  eth.events.on('message', (code, payload) => {
    try {
      onMessage(eth, chain, emit, code, payload)
    } catch (err) {
      emit('eth-error', { code, message: err.message })
    }
  })
  eth.sendStatus({ td: bigIntToUnpaddedBytes(BigInt(chain.td)), bestHash: hexToBytes(chain.head), genesisHash: hexToBytes(chain.genesis) })
  return eth
}

function onMessage(eth, chain, emit, code, payload) {
  const [id, request] = payload
  switch (code) {
    case GET_BLOCK_HEADERS: {
      const blocks = headerWalk(chain, ...request)
      reply(eth, BLOCK_HEADERS, id, blocks.map((b) => b.header))
      emit('served', { what: 'headers', count: blocks.length })
      break
    }
    case GET_BLOCK_BODIES:
      reply(eth, BLOCK_BODIES, id, prefix(chain, request).map((b) => b.body))
      emit('served', { what: 'bodies', count: prefix(chain, request).length })
      break
    case GET_RECEIPTS:
      reply(eth, RECEIPTS, id, prefix(chain, request).map((b) => b.receipts))
      emit('served', { what: 'receipts', count: prefix(chain, request).length })
      break
    case BLOCK_HEADERS:
      emit('headers', { id: bytesToBigInt(id), items: hexItems(request), hashes: request.map((h) => bytesToHex(keccak256(RLP.encode(h)))).join(',') })
      break
    case BLOCK_BODIES:
      emit('bodies', { id: bytesToBigInt(id), items: hexItems(request) })
      break
    case RECEIPTS:
      emit('receipts', { id: bytesToBigInt(id), items: hexItems(request) })
      break
    default:
      emit('eth-message', { code })
  }
}

// caps/eth.md GetBlockHeaders: from the origin (number or hash), skip + 1 apart, up to amount.
function headerWalk(chain, origin, amount, skip, reverse) {
  const start = origin.length === 32 ? chain.byHash.get(bytesToHex(origin)) : chain.byNumber.get(bytesToBigInt(origin))
  const out = []
  if (start === undefined) return out
  const step = bytesToBigInt(skip) + 1n
  let number = BigInt(start.number)
  while (BigInt(out.length) < bytesToBigInt(amount) && chain.byNumber.has(number)) {
    out.push(chain.byNumber.get(number))
    number = bytesToBigInt(reverse) === 1n ? number - step : number + step
  }
  return out
}

// The blocks of the requested hashes, up to the first one not in the chain.
function prefix(chain, hashes) {
  const out = []
  for (const hash of hashes) {
    const block = chain.byHash.get(bytesToHex(hash))
    if (block === undefined) break
    out.push(block)
  }
  return out
}

function reply(eth, code, id, hexes) {
  eth.sendMessage(code, [id, hexes.map((h) => RLP.decode(hexToBytes(h)))])
}

const hexItems = (items) => items.map((i) => bytesToHex(RLP.encode(i))).join(',')

let nextRequestId = 1n

// Commands that ask the other side: get-headers <number|0xhash> <amount> <skip> <reverse>,
// get-bodies <hash,...>, get-receipts <hash,...>.
export function ethCommands(currentEth) {
  const send = (code, request) => {
    const id = nextRequestId++
    currentEth().sendMessage(code, [bigIntToUnpaddedBytes(id), request])
  }
  const hashes = (list) => list.split(',').map((h) => hexToBytes(h))
  return {
    'get-headers': ([origin, amount, skip, reverse]) => send(GET_BLOCK_HEADERS, [
      origin.startsWith('0x') ? hexToBytes(origin) : bigIntToUnpaddedBytes(BigInt(origin)),
      bigIntToUnpaddedBytes(BigInt(amount)), bigIntToUnpaddedBytes(BigInt(skip)), bigIntToUnpaddedBytes(BigInt(reverse)),
    ]),
    'get-bodies': ([list]) => send(GET_BLOCK_BODIES, hashes(list)),
    'get-receipts': ([list]) => send(GET_RECEIPTS, hashes(list)),
  }
}

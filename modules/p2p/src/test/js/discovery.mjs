// An independent discv4 node and EIP-1459 client for the annals-p2p discovery interop test, on
// @ethereumjs/devp2p's DPT and DNS.
//
// Configuration (environment):
//   PEER_KEY   hex private key of this node
//
// Commands, one per line on stdin:
//   bootstrap <node id hex> <udp port>     bond with the node at 127.0.0.1:<udp port>, ask it for
//                                          neighbours; answers with the table's node ids
//   peers                                  list the node ids in the DPT's table
//   dns <enrtree url> <host:port> <count>  read up to <count> distinct nodes from a tree, asking that name server
//   quit                                   stop
//
// Events, one per line on stdout: an event name, then key=value pairs (values URI-encoded).
import { createInterface } from 'node:readline'
import { DNS, DPT } from '@ethereumjs/devp2p'

const emit = (event, fields = {}) => {
  const pairs = Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  process.stdout.write([event, ...pairs].join(' ') + '\n')
}
const hex = (bytes) => Buffer.from(bytes).toString('hex')

const key = Uint8Array.from(Buffer.from(process.env.PEER_KEY, 'hex'))
// refresh every 2 s (each known node is asked for neighbours about every 2 s) so the test is quick
const dpt = new DPT(key, {
  endpoint: { address: '127.0.0.1', udpPort: null, tcpPort: null },
  refreshInterval: 2000,
  timeout: 2000,
  shouldFindNeighbours: true,
  shouldGetDnsPeers: false,
})
dpt.events.on('error', (err) => emit('error', { message: err.message ?? String(err) }))
dpt.events.on('listening', () => emit('listening', { port: dpt._server._socket.address().port, id: hex(dpt.id) }))
dpt.bind(0, '127.0.0.1')

const lines = createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  const [command, ...args] = line.trim().split(/\s+/)
  try {
    if (command === 'bootstrap') {
      await dpt.bootstrap({ id: Uint8Array.from(Buffer.from(args[0], 'hex')), address: '127.0.0.1', udpPort: Number(args[1]), tcpPort: null })
      emit('bootstrapped', { peers: dpt.getPeers().map((p) => hex(p.id)).join(',') })
    } else if (command === 'peers') {
      emit('peers', { ids: dpt.getPeers().map((p) => hex(p.id)).join(',') })
    } else if (command === 'dns') {
      // getPeers descends the tree at random, at most count + 10 times, keeping distinct leaves,
      // so one call can miss a leaf (about 1.5 % of calls for 3 leaves): ask again, up to 10 times
      const dns = new DNS({ dnsServerAddress: args[1] })
      const wanted = Number(args[2])
      const nodes = new Set()
      for (let round = 0; round < 10 && nodes.size < wanted; round++) {
        const peers = await dns.getPeers(wanted, [args[0]])
        peers.forEach((p) => nodes.add(`${p.address}:${p.tcpPort}:${p.udpPort}`))
      }
      emit('dns-peers', { nodes: [...nodes].sort().join(',') })
    } else if (command === 'quit') {
      dpt.destroy()
      process.exit(0)
    }
  } catch (err) {
    emit('error', { message: err.message ?? String(err) })
  }
})
lines.on('close', () => process.exit(0))

// Watches an Annals node over WebSocket with viem, an independent client library: watchBlocks
// (eth_subscribe newHeads) and watchContractEvent for one ERC-20's Transfer events (eth_subscribe
// logs), while the test grows the chain, reorganises it and grows it again.
//
//   node ws-client.mjs <ws-url> <token-address>
//
// Prints "watching" once both watchers are set up and "seen <hash>" for each block watchBlocks
// reports, then waits for a line "check <expected.json>"
// on stdin: {"blocks": [hash, ...] every block of the final chain above the start, in order,
// "removedBlocks": [hash, ...] blocks the reorg dropped, "logs": ["<block>:<logIndex>", ...] the
// token's Transfer logs of the final chain above the start, "removed": [...] those of the dropped
// blocks}. Logs must come in the notifications' order (removals first, as geth sends them); blocks
// only all of them (see the check). It then waits (up to a minute) until it has seen all of them, checks, and prints
// "ok ws-blocks", "ok ws-logs", "done <checks>" (or "FAIL <name>: <why>" and exits 1).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createPublicClient, parseAbiItem, webSocket } from 'viem';

const url = process.argv[2];
const token = process.argv[3];
const transfer = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');
const client = createPublicClient({ transport: webSocket(url, { retryCount: 0, timeout: 30_000 }) });
let checks = 0;

function fail(name, why) {
  console.log(`FAIL ${name}: ${why}`);
  process.exit(1);
}

const blocks = [];
const added = [];
const removed = [];
const errors = [];
const key = (log) => `${BigInt(log.blockNumber)}:${log.logIndex}`;

client.watchBlocks({
  onBlock: (block) => {
    blocks.push(block.hash);
    console.log(`seen ${block.hash}`); // the test waits for a block's line before it reorgs
  },
  onError: (e) => errors.push(`watchBlocks: ${e}`),
});
client.watchContractEvent({
  address: token,
  abi: [transfer],
  eventName: 'Transfer',
  onLogs: (logs) => {
    for (const log of logs) {
      if (log.removed) {
        removed.push(key(log));
      } else {
        added.push(key(log));
      }
      if (log.eventName !== 'Transfer' || log.args.value === undefined) {
        errors.push(`a log viem could not decode: ${JSON.stringify(log, (k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
      }
    }
  },
  onError: (e) => errors.push(`watchContractEvent: ${e}`),
});
console.log('watching');

const line = await new Promise((resolve) => {
  const input = createInterface({ input: process.stdin });
  input.once('line', (l) => { input.close(); resolve(l); });
});
const expected = JSON.parse(readFileSync(line.replace(/^check /, ''), 'utf8'));
const netLogs = () => {
  const out = [...added];
  for (const r of removed) {
    const at = out.lastIndexOf(r);
    if (at >= 0) out.splice(at, 1);
  }
  return out;
};
const seenAll = () =>
  expected.blocks.every((h) => blocks.includes(h)) &&
  removed.length >= expected.removed.length &&
  netLogs().length >= expected.logs.length;
for (let i = 0; i < 600 && !seenAll(); i++) {
  await new Promise((r) => setTimeout(r, 100));
}
if (errors.length > 0) fail('ws-errors', errors.join('; '));
// viem's watchBlocks fetches each announced head by number (getBlock) and reports the blocks as
// those answers arrive, so its order is not the notifications' order, and a head announced just
// before the reorg may come back as the new branch's block: check that every block of the final
// chain was reported, and nothing that is neither on it nor one of the dropped blocks
for (const h of expected.blocks) {
  if (!blocks.includes(h)) fail('ws-blocks', `the final chain's block ${h} was never reported: got ${JSON.stringify(blocks)}`);
}
for (const h of blocks) {
  if (!expected.blocks.includes(h) && !expected.removedBlocks.includes(h)) {
    fail('ws-blocks', `a block of neither branch was reported: ${h}`);
  }
}
checks++;
console.log('ok ws-blocks');
if (JSON.stringify(removed) !== JSON.stringify(expected.removed)) {
  fail('ws-removed', `got ${JSON.stringify(removed)}, want ${JSON.stringify(expected.removed)}`);
}
const net = netLogs();
if (JSON.stringify(net) !== JSON.stringify(expected.logs)) {
  fail('ws-logs', `got ${JSON.stringify(net)} (added ${JSON.stringify(added)}), want ${JSON.stringify(expected.logs)}`);
}
checks++;
console.log('ok ws-logs');
console.log(`done ${checks}`);
process.exit(0);

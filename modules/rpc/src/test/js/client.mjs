// Drives an Annals JSON-RPC endpoint with viem, an independent client library, and checks its
// answers against expectations computed from the blocks the endpoint serves.
//
//   node client.mjs <rpc-url> <expectations.json>      (or ANNALS_RPC_URL / ANNALS_EXPECTATIONS)
//
// Prints one line per check ("ok <name>"), "FAIL <name>: <why>" and exit code 1 on the first
// mismatch, "done <checks>" at the end. With a "filter" section it installs an event filter and a
// block filter, prints "filters-installed", then waits for a line "written <expectations.json>" on
// stdin (the blocks the expectations describe have been stored) and polls until they arrive.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createPublicClient, http, parseAbiItem } from 'viem';

const url = process.argv[2] ?? process.env.ANNALS_RPC_URL;
const expectationsPath = process.argv[3] ?? process.env.ANNALS_EXPECTATIONS;
if (!url || !expectationsPath) {
  console.log('FAIL usage: node client.mjs <rpc-url> <expectations.json>');
  process.exit(2);
}
const expected = JSON.parse(readFileSync(expectationsPath, 'utf8'));
const client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 30_000 }) });
const transfer = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');
let checks = 0;

function check(name, condition, details) {
  if (!condition) {
    console.log(`FAIL ${name}: ${typeof details === 'function' ? details() : details ?? ''}`);
    process.exit(1);
  }
  checks++;
}

function same(name, actual, wanted) {
  const a = JSON.stringify(actual, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const w = JSON.stringify(wanted, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
  check(name, a === w, () => `got ${a.slice(0, 2000)}, want ${w.slice(0, 2000)}`);
}

const lower = (s) => (s == null ? s : s.toLowerCase());
const transferView = (log) => ({
  blockNumber: log.blockNumber.toString(),
  logIndex: log.logIndex,
  transactionHash: log.transactionHash,
  from: lower(log.args.from),
  to: lower(log.args.to),
  value: log.args.value.toString(),
});

async function headAndBlocks() {
  same('eth_blockNumber', (await client.getBlockNumber()).toString(), expected.head);
  for (const b of expected.blocks) {
    const block = await client.getBlock({ blockNumber: BigInt(b.number) });
    same(`block ${b.number} hash`, block.hash, b.hash);
    same(`block ${b.number} transactions`, block.transactions, b.transactions);
    same(`block ${b.number} withdrawals`, block.withdrawals.length, b.withdrawals);
    same(`block ${b.number} logsBloom`, block.logsBloom, b.logsBloom);
    const full = await client.getBlock({ blockHash: b.hash, includeTransactions: true });
    same(`block ${b.number} full hashes`, full.transactions.map((t) => t.hash), b.transactions);
    same(`block ${b.number} senders`, full.transactions.map((t) => lower(t.from)), b.senders);
    same(`block ${b.number} types`, full.transactions.map((t) => t.typeHex), b.types);
    const receipts = await client.getBlockReceipts({ blockNumber: BigInt(b.number) });
    same(`block ${b.number} receipts`, receipts.map((r) => r.transactionHash), b.transactions);
  }
  console.log('ok blocks');
}

async function receipts() {
  for (const r of expected.receipts) {
    const receipt = await client.getTransactionReceipt({ hash: r.transactionHash });
    same(`receipt ${r.transactionHash}`, {
      blockNumber: receipt.blockNumber.toString(),
      status: receipt.status,
      from: lower(receipt.from),
      to: lower(receipt.to),
      contractAddress: lower(receipt.contractAddress),
      logs: receipt.logs.length,
    }, r.view);
  }
  console.log('ok receipts');
}

async function logs() {
  for (const q of expected.transferQueries) {
    const found = await client.getLogs({
      address: q.address,
      event: transfer,
      args: q.from ? { from: q.from } : undefined,
      fromBlock: BigInt(q.fromBlock),
      toBlock: BigInt(q.toBlock),
    });
    same(`getLogs Transfer ${q.address} from ${q.from}`, found.map(transferView), q.expected);
  }
  for (const q of expected.rawQueries) {
    const found = await client.request({ method: 'eth_getLogs', params: [q.filter] });
    same(`eth_getLogs ${JSON.stringify(q.filter).slice(0, 120)}`,
      found.map((l) => `${BigInt(l.blockNumber)}:${BigInt(l.logIndex)}`), q.expected);
  }
  console.log('ok logs');
}

async function filters() {
  const f = expected.filter;
  const events = await client.createEventFilter({ address: f.address, event: transfer });
  const blocks = await client.createBlockFilter();
  same('a new filter has no changes', (await client.getFilterChanges({ filter: events })).length, 0);
  console.log('filters-installed');
  const line = await new Promise((resolve) => {
    const input = createInterface({ input: process.stdin });
    input.once('line', (l) => { input.close(); resolve(l); });
  });
  const next = JSON.parse(readFileSync(line.replace(/^written /, ''), 'utf8'));
  let logs = [];
  let hashes = [];
  for (let poll = 0; poll < 100 && (logs.length < next.logs.length || hashes.length < next.blockHashes.length); poll++) {
    logs = logs.concat(await client.getFilterChanges({ filter: events }));
    hashes = hashes.concat(await client.getFilterChanges({ filter: blocks }));
    if (logs.length < next.logs.length || hashes.length < next.blockHashes.length) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  same('filter changes', logs.map(transferView), next.logs);
  check('no removed logs', logs.every((l) => l.removed === false));
  same('block filter changes', hashes, next.blockHashes);
  same('nothing more', (await client.getFilterChanges({ filter: events })).length, 0);
  same('uninstall', await client.uninstallFilter({ filter: events }), true);
  same('uninstall again', await client.uninstallFilter({ filter: events }), false);
  same('uninstall blocks', await client.uninstallFilter({ filter: blocks }), true);
  console.log('ok filters');
}

try {
  await headAndBlocks();
  await receipts();
  await logs();
  if (expected.filter) {
    await filters();
  }
  console.log(`done ${checks}`);
  process.exit(0);
} catch (e) {
  console.log(`FAIL exception: ${e?.stack ?? e}`);
  process.exit(1);
}

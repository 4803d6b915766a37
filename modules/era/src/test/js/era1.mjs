// Drives @ethereumjs/e2store 10.0.0 for the annals-era interop test.
//
//   node era1.mjs read <file.era1>          prints JSON: the file's accumulator root, the root
//                                           recomputed with its EpochAccumulator, and every block's
//                                           decompressed header, body, receipts and total difficulty
//   node era1.mjs write <in.json> <out.era1> writes the blocks of in.json with formatEra1
//
// Its validateERA1 is not used: it decodes blocks with mainnet's fork rules, so the header records
// are built here from the header bytes (keccak) and the TotalDifficulty entries instead.
import { readFileSync, writeFileSync } from 'fs';
import {
  EpochAccumulator,
  decompressData,
  formatEra1,
  parseEntry,
  readAccumulatorRoot,
  readERA1,
} from '@ethereumjs/e2store';
import { keccak_256 } from '@noble/hashes/sha3.js';

const hex = (bytes) => '0x' + Buffer.from(bytes).toString('hex');
const bytes = (text) => new Uint8Array(Buffer.from(text.replace(/^0x/, ''), 'hex'));

async function read(path) {
  const file = new Uint8Array(readFileSync(path));
  const blocks = [];
  const records = [];
  for await (const tuple of await readERA1(file)) {
    const header = await decompressData(tuple.headerEntry.data);
    const totalDifficulty = (await parseEntry(tuple.totalDifficultyEntry)).data;
    blocks.push({
      header: hex(header),
      body: hex(await decompressData(tuple.bodyEntry.data)),
      receipts: hex(await decompressData(tuple.receiptsEntry.data)),
      totalDifficulty: totalDifficulty.toString(),
    });
    records.push({ blockHash: keccak_256(header), totalDifficulty });
  }
  process.stdout.write(
    JSON.stringify({
      accumulatorRoot: hex(await readAccumulatorRoot(file)),
      recomputedRoot: hex(EpochAccumulator.merkleRoot(records)),
      blocks,
    }),
  );
}

async function write(input, output) {
  const { epoch, blocks } = JSON.parse(readFileSync(input, 'utf8'));
  const tuples = blocks.map((b) => ({
    header: bytes(b.header),
    body: bytes(b.body),
    receipts: bytes(b.receipts),
    totalDifficulty: BigInt(b.totalDifficulty),
  }));
  const records = blocks.map((b) => ({
    blockHash: keccak_256(bytes(b.header)),
    totalDifficulty: BigInt(b.totalDifficulty),
  }));
  writeFileSync(output, await formatEra1(tuples, records, epoch));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'read') {
  await read(args[0]);
} else if (command === 'write') {
  await write(args[0], args[1]);
} else {
  console.error('usage: era1.mjs read <file> | write <in.json> <out.era1>');
  process.exit(2);
}

package io.annals.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link BlockValidationBench} with the Vector API present, so that trie roots, blooms and
 * transaction hashes run on the multi-lane Keccak; run both in one go ({@code scripts/bench
 * BlockValidation}) to compare them.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BlockValidationLanesBench extends BlockValidationBench {}

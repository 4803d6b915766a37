package io.annals.rpc.eth.filters;

/**
 * What one poll of a filter may cost and what a filter keeps between polls.
 *
 * @param maxBlocks blocks scanned by one poll (the {@code eth_getLogs} range limit)
 * @param maxLogs logs one poll returns (the {@code eth_getLogs} result limit)
 * @param reorgWindow blocks below the cursor whose reported logs are kept for removal notices
 * @param maxRetainedLogs most logs kept for removal notices
 */
record PollLimits(long maxBlocks, int maxLogs, int reorgWindow, int maxRetainedLogs) {}

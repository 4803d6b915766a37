package io.annals.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The log-index entries one write plan touches, merged in memory: blocks added to a group and
 * blocks removed from it, whatever mix of batches wrote the group before. An entry is read from the
 * plan's snapshot only if some block of its group was already present; a group first written by
 * this plan (the common case in sync, which writes runs of consecutive blocks) costs no read.
 * {@link #flush} puts every touched entry, or deletes it once its last block is gone. The entries
 * are kept per group in an array by bucket: a block touches a few hundred buckets of one group.
 */
final class PostingGroups {
    private final LevelDb.ReadView view;
    private final PresenceRuns before;
    private final int buckets;

    /** Per touched group: its touched entries by bucket (null where untouched). */
    private final Map<Long, GroupEntry[]> groups = new HashMap<>();

    PostingGroups(LevelDb.ReadView view, PresenceRuns before, int buckets) {
        this.view = view;
        this.before = before;
        this.buckets = buckets;
    }

    void add(long number, LogIndex.Posting[] postings) {
        if (postings.length == 0) {
            return;
        }
        GroupEntry[] entries = entriesOf(number);
        int offset = LogIndex.offset(number);
        for (LogIndex.Posting posting : postings) {
            load(entries, number, posting.bucket()).put(offset, posting.remainders());
        }
    }

    void remove(long number, int bucket) {
        load(entriesOf(number), number, bucket).remove(LogIndex.offset(number));
    }

    void flush(Batch batch) {
        groups.forEach(
                (group, entries) -> {
                    long first = group << LogIndex.GROUP_BITS;
                    for (int bucket = 0; bucket < entries.length; bucket++) {
                        GroupEntry entry = entries[bucket];
                        if (entry == null) {
                            continue;
                        }
                        byte[] key = LogIndex.key(first, bucket);
                        if (entry.isEmpty()) {
                            batch.delete(key);
                        } else {
                            batch.put(key, entry.encode());
                        }
                    }
                });
    }

    private GroupEntry[] entriesOf(long number) {
        return groups.computeIfAbsent(LogIndex.group(number), g -> new GroupEntry[buckets]);
    }

    private GroupEntry load(GroupEntry[] entries, long number, int bucket) {
        GroupEntry entry = entries[bucket];
        if (entry == null) {
            long first = LogIndex.group(number) << LogIndex.GROUP_BITS;
            boolean stored = !before.presentIn(first, first + LogIndex.GROUP_SIZE - 1).isEmpty();
            byte[] value = stored ? view.get(LogIndex.key(first, bucket)) : null;
            entry = value == null ? new GroupEntry() : GroupEntry.decode(value);
            entries[bucket] = entry;
        }
        return entry;
    }
}

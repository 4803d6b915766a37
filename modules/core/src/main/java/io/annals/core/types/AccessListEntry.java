package io.annals.core.types;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One entry of an EIP-2930 access list: {@code [address, [storageKey, ...]]}. */
public record AccessListEntry(Address address, List<Hash> storageKeys) {
    public AccessListEntry {
        Objects.requireNonNull(address, "address");
        storageKeys = List.copyOf(storageKeys);
    }

    public static AccessListEntry read(RlpReader reader) {
        RlpReader fields = reader.readList();
        Address address = fields.readAddress();
        int at = fields.position();
        RlpReader keys = fields.readList();
        List<Hash> storageKeys = new ArrayList<>();
        while (keys.hasNext()) {
            DecodeLimits.checkCount(
                    storageKeys.size() + 1, DecodeLimits.MAX_ACCESS_LIST_ITEMS, "storage keys", at);
            storageKeys.add(keys.readHash());
        }
        fields.ensureEnd();
        return new AccessListEntry(address, storageKeys);
    }

    public void write(RlpWriter w) {
        int mark = w.startList();
        w.writeAddress(address);
        int keysMark = w.startList();
        for (Hash key : storageKeys) {
            w.writeHash(key);
        }
        w.endList(keysMark);
        w.endList(mark);
    }

    /** Reads a whole access list. */
    static List<AccessListEntry> readList(RlpReader reader) {
        int at = reader.position();
        RlpReader items = reader.readList();
        List<AccessListEntry> out = new ArrayList<>();
        while (items.hasNext()) {
            DecodeLimits.checkCount(
                    out.size() + 1, DecodeLimits.MAX_ACCESS_LIST_ITEMS, "access list entries", at);
            out.add(read(items));
        }
        return out;
    }

    static void writeList(RlpWriter w, List<AccessListEntry> entries) {
        int mark = w.startList();
        for (AccessListEntry e : entries) {
            e.write(w);
        }
        w.endList(mark);
    }
}

package io.annals.p2p.dns;

import io.annals.p2p.enr.Enr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed EIP-1459 node list, ready to publish: the root and every branch and leaf as TXT records
 * under their hash labels. Leaves are grouped into branches of at most {@link
 * TreeEntry#MAX_CHILDREN} hashes, level by level, as go-ethereum's p2p/dnsdisc tree does.
 *
 * @param records TXT content by fully qualified name (the root at the domain itself)
 */
public record DnsTree(String domain, TreeEntry.Root root, Map<String, String> records) {
    public DnsTree {
        records = Map.copyOf(records);
    }

    public static DnsTree sign(
            String domain, List<Enr> nodes, List<EnrTreeUrl> links, long seq, byte[] privateKey) {
        Map<String, String> byLabel = new LinkedHashMap<>();
        String enrRoot = subtree(nodes.stream().map(Enr::toText).toList(), byLabel);
        String linkRoot = subtree(links.stream().map(EnrTreeUrl::toString).toList(), byLabel);
        TreeEntry.Root root = TreeEntry.Root.sign(enrRoot, linkRoot, seq, privateKey);
        Map<String, String> records = new LinkedHashMap<>();
        records.put(domain, root.text());
        byLabel.forEach((label, text) -> records.put(label + "." + domain, text));
        return new DnsTree(domain, root, records);
    }

    /** Adds the leaves and the branches above them; returns the subtree's top hash. */
    private static String subtree(List<String> leaves, Map<String, String> out) {
        List<String> level = new ArrayList<>();
        for (String text : leaves) {
            String label = TreeEntry.hash(text);
            out.put(label, text);
            level.add(label);
        }
        if (level.size() == 1) {
            return level.get(0);
        }
        do {
            List<String> above = new ArrayList<>();
            for (int i = 0; i < level.size() || i == 0; i += TreeEntry.MAX_CHILDREN) {
                List<String> children =
                        level.subList(i, Math.min(level.size(), i + TreeEntry.MAX_CHILDREN));
                String text = new TreeEntry.Branch(children).text();
                String label = TreeEntry.hash(text);
                out.put(label, text);
                above.add(label);
                if (level.isEmpty()) {
                    break;
                }
            }
            level = above;
        } while (level.size() > 1);
        return level.get(0);
    }
}

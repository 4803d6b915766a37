package io.annals.p2p.dns;

import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.EnrException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TXT record of an EIP-1459 node list (devp2p dnsdisc.md, "DNS Record Structure"): the root, a
 * branch, a node record leaf or a link leaf. {@link #parse} is the one entry point for received
 * text; {@link #text()} gives the record's content back, and {@link #hash(String)} the subdomain
 * label it lives under.
 */
public sealed interface TreeEntry
        permits TreeEntry.Root, TreeEntry.Branch, TreeEntry.EnrLeaf, TreeEntry.LinkLeaf {

    /** Longest TXT content accepted (a UDP DNS answer holds about 512 bytes). */
    int MAX_TEXT = 1024;

    /**
     * Hashes of a branch: at most this many per record (go-ethereum's 13 keep it under 370 bytes).
     */
    int MAX_CHILDREN = 13;

    String text();

    /** {@code enrtree-root:v1 e=<enr-root> l=<link-root> seq=<n> sig=<65 bytes, base64url>} */
    record Root(String enrRoot, String linkRoot, long seq, byte[] signature) implements TreeEntry {
        static final String PREFIX = "enrtree-root:v1";
        private static final Pattern FORM =
                Pattern.compile(
                        "enrtree-root:v1 e=([A-Z2-7]{10,}) l=([A-Z2-7]{10,}) seq=(\\d{1,19}) sig=([A-Za-z0-9_-]+)");

        public Root {
            signature = signature.clone();
        }

        /** What the signature covers: the record without " sig=...". */
        public String signedText() {
            return PREFIX + " e=" + enrRoot + " l=" + linkRoot + " seq=" + seq;
        }

        public static Root sign(String enrRoot, String linkRoot, long seq, byte[] privateKey) {
            String signed = PREFIX + " e=" + enrRoot + " l=" + linkRoot + " seq=" + seq;
            EcdsaSignature sig =
                    Secp256k1.sign(
                            Keccak256.hash(signed.getBytes(StandardCharsets.US_ASCII)), privateKey);
            return new Root(enrRoot, linkRoot, seq, sig.toBytes65());
        }

        /** Whether the list's key signed this root. */
        public boolean verify(byte[] publicKey) {
            if (signature.length != 65) {
                return false;
            }
            byte[] digest = Keccak256.hash(signedText().getBytes(StandardCharsets.US_ASCII));
            java.math.BigInteger r =
                    new java.math.BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
            java.math.BigInteger s =
                    new java.math.BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
            return Secp256k1.verify(digest, r, s, publicKey);
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public String text() {
            return signedText()
                    + " sig="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        }
    }

    /** {@code enrtree-branch:<h1>,<h2>,...} */
    record Branch(List<String> children) implements TreeEntry {
        static final String PREFIX = "enrtree-branch:";

        public Branch {
            children = List.copyOf(children);
        }

        @Override
        public String text() {
            return PREFIX + String.join(",", children);
        }
    }

    /** {@code enr:<record>}: a node. */
    record EnrLeaf(Enr record) implements TreeEntry {
        @Override
        public String text() {
            return record.toText();
        }
    }

    /** {@code enrtree://<key>@<domain>}: another list. */
    record LinkLeaf(EnrTreeUrl link) implements TreeEntry {
        @Override
        public String text() {
            return link.toString();
        }
    }

    /** The subdomain label of an entry: base32 of the first 16 bytes of keccak256 of its text. */
    static String hash(String text) {
        byte[] digest = Keccak256.hash(text.getBytes(StandardCharsets.US_ASCII));
        return Base32.encode(Arrays.copyOf(digest, 16));
    }

    /**
     * @throws DnsTreeException naming what is wrong
     */
    static TreeEntry parse(String text) {
        if (text.length() > MAX_TEXT) {
            throw new DnsTreeException("TXT record of " + text.length() + " characters");
        }
        if (text.startsWith(Root.PREFIX)) {
            Matcher m = Root.FORM.matcher(text);
            if (!m.matches()) {
                throw new DnsTreeException("malformed root: " + text);
            }
            long seq;
            try {
                seq = Long.parseLong(m.group(3));
            } catch (NumberFormatException e) {
                throw new DnsTreeException("root seq out of range: " + text, e);
            }
            byte[] sig;
            try {
                sig = Base64.getUrlDecoder().decode(m.group(4));
            } catch (IllegalArgumentException e) {
                throw new DnsTreeException("root signature is not base64: " + text, e);
            }
            if (sig.length != 65) {
                throw new DnsTreeException("root signature is " + sig.length + " bytes, not 65");
            }
            return new Root(m.group(1), m.group(2), seq, sig);
        }
        if (text.startsWith(Branch.PREFIX)) {
            String body = text.substring(Branch.PREFIX.length());
            List<String> children = body.isEmpty() ? List.of() : List.of(body.split(",", -1));
            if (children.size() > MAX_CHILDREN * 4) {
                throw new DnsTreeException("branch of " + children.size() + " children");
            }
            for (String child : children) {
                if (!child.matches("[A-Z2-7]{10,32}")) {
                    throw new DnsTreeException("bad hash in branch: " + child);
                }
            }
            return new Branch(children);
        }
        if (text.startsWith(Enr.TEXT_PREFIX)) {
            try {
                return new EnrLeaf(Enr.fromText(text));
            } catch (EnrException e) {
                throw new DnsTreeException("bad node record: " + e.getMessage(), e);
            }
        }
        if (text.startsWith(EnrTreeUrl.SCHEME)) {
            return new LinkLeaf(EnrTreeUrl.parse(text));
        }
        throw new DnsTreeException(
                "unknown entry: " + text.substring(0, Math.min(40, text.length())));
    }

    /** A parsed entry whose text matches the hash it was fetched by. */
    static TreeEntry parseAt(String label, String text) {
        if (!hash(text).equals(label.toUpperCase(java.util.Locale.ROOT))) {
            throw new DnsTreeException("entry under " + label + " does not match its hash");
        }
        TreeEntry entry = parse(text);
        if (entry instanceof Root) {
            throw new DnsTreeException("a root below the top of the tree");
        }
        return entry;
    }
}

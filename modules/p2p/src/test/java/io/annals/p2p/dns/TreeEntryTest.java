package io.annals.p2p.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.util.Hex;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example tree of EIP-1459 / devp2p dnsdisc.md ("DNS Record Structure"). */
class TreeEntryTest {
    static final String URL =
            "enrtree://AM5FCQLWIZX2QFPNJAP7VUERCCRNGRHWZG3YYHIUV7BVDQ5FDPRT2@nodes.example.org";
    static final String KEY =
            "9f88229042fef9200246f49f94d9b77c4e954721442714e85850cb6d9e5daf2d"
                    + "880ea0e53cb3ac1a75f9923c2726a4f941f7d326781baa6380754a360de5c2b6";
    static final String ROOT =
            "enrtree-root:v1 e=JWXYDBPXYWG6FX3GMDIBFA6CJ4 l=C7HRFPF3BLGF3YR4DY5KX3SMBE seq=1 sig=o908WmNp7LibOfPsr4btQwatZJ5URBr2ZAuxvK4UWHlsB9sUOTJQaGAlLPVAhM__XJesCHxLISo94z5Z2a463gA";
    static final Map<String, String> ENTRIES =
            Map.of(
                    "C7HRFPF3BLGF3YR4DY5KX3SMBE",
                    "enrtree://AM5FCQLWIZX2QFPNJAP7VUERCCRNGRHWZG3YYHIUV7BVDQ5FDPRT2@morenodes.example.org",
                    "JWXYDBPXYWG6FX3GMDIBFA6CJ4",
                    "enrtree-branch:2XS2367YHAXJFGLZHVAWLQD4ZY,H4FHT4B454P6UXFD7JCYQ5PWDY,MHTDO6TMUBRIA2XWG5LUDACK24",
                    "2XS2367YHAXJFGLZHVAWLQD4ZY",
                    "enr:-HW4QOFzoVLaFJnNhbgMoDXPnOvcdVuj7pDpqRvh6BRDO68aVi5ZcjB3vzQRZH2IcLBGHzo8uUN3snqmgTiE56CH3AMBgmlkgnY0iXNlY3AyNTZrMaECC2_24YYkYHEgdzxlSNKQEnHhuNAbNlMlWJxrJxbAFvA",
                    "H4FHT4B454P6UXFD7JCYQ5PWDY",
                    "enr:-HW4QAggRauloj2SDLtIHN1XBkvhFZ1vtf1raYQp9TBW2RD5EEawDzbtSmlXUfnaHcvwOizhVYLtr7e6vw7NAf6mTuoCgmlkgnY0iXNlY3AyNTZrMaECjrXI8TLNXU0f8cthpAMxEshUyQlK-AM0PW2wfrnacNI",
                    "MHTDO6TMUBRIA2XWG5LUDACK24",
                    "enr:-HW4QLAYqmrwllBEnzWWs7I5Ev2IAs7x_dZlbYdRdMUx5EyKHDXp7AV5CkuPGUPdvbv1_Ms1CPfhcGCvSElSosZmyoqAgmlkgnY0iXNlY3AyNTZrMaECriawHKWdDRk2xeZkrOXBQ0dfMFLHY4eENZwdufn1S1o");

    /**
     * The spec's example is not consistent: the root is signed by the key it states (KEY), but the
     * example URL's base32 is another key, 0x033a5141…. Both facts are checked here.
     */
    @Test
    void theUrlCarriesAListKey() {
        EnrTreeUrl url = EnrTreeUrl.parse(URL);

        assertThat(Hex.encode(io.annals.core.crypto.Secp256k1.compress(url.publicKey())))
                .isEqualTo("033a514176466fa815ed481ffad09110a2d344f6c9b78c1d14afc351c3a51be33d");
        assertThat(new EnrTreeUrl(Hex.decode(KEY), "nodes.example.org").toString())
                .isEqualTo(
                        "enrtree://AKPYQIUQIL7PSIACI32J7FGZW56E5FKHEFCCOFHILBIMW3M6LWXS2@nodes.example.org");
        // RFC 4648's vector
        assertThat(Base32.encode("foobar".getBytes())).isEqualTo("MZXW6YTBOI");
        assertThat(url.domain()).isEqualTo("nodes.example.org");
        assertThat(url.toString()).isEqualTo(URL);
    }

    @Test
    void theRootIsSignedByTheListKey() {
        TreeEntry.Root root = (TreeEntry.Root) TreeEntry.parse(ROOT);

        assertThat(root.enrRoot()).isEqualTo("JWXYDBPXYWG6FX3GMDIBFA6CJ4");
        assertThat(root.linkRoot()).isEqualTo("C7HRFPF3BLGF3YR4DY5KX3SMBE");
        assertThat(root.seq()).isEqualTo(1);
        assertThat(root.verify(Hex.decode(KEY))).isTrue();
        assertThat(root.text()).isEqualTo(ROOT);
        TreeEntry.Root tampered =
                new TreeEntry.Root(root.enrRoot(), root.linkRoot(), 2, root.signature());
        assertThat(tampered.verify(Hex.decode(KEY))).isFalse();
    }

    @Test
    void everyEntryMatchesItsHashAndParses() {
        ENTRIES.forEach(
                (label, text) -> {
                    assertThat(TreeEntry.hash(text)).isEqualTo(label);
                    assertThat(TreeEntry.parseAt(label, text).text()).isEqualTo(text);
                });
        TreeEntry.Branch branch =
                (TreeEntry.Branch) TreeEntry.parse(ENTRIES.get("JWXYDBPXYWG6FX3GMDIBFA6CJ4"));
        assertThat(branch.children())
                .containsExactly(
                        "2XS2367YHAXJFGLZHVAWLQD4ZY",
                        "H4FHT4B454P6UXFD7JCYQ5PWDY",
                        "MHTDO6TMUBRIA2XWG5LUDACK24");
        TreeEntry.LinkLeaf link =
                (TreeEntry.LinkLeaf) TreeEntry.parse(ENTRIES.get("C7HRFPF3BLGF3YR4DY5KX3SMBE"));
        assertThat(link.link().domain()).isEqualTo("morenodes.example.org");
        TreeEntry.EnrLeaf leaf =
                (TreeEntry.EnrLeaf) TreeEntry.parse(ENTRIES.get("2XS2367YHAXJFGLZHVAWLQD4ZY"));
        assertThat(leaf.record().seq()).isEqualTo(1);
        assertThat(leaf.record().ip()).isEmpty(); // the example records carry only their keys
    }

    @Test
    void refusesMalformedAndMismatchedEntries() {
        assertThatThrownBy(
                        () ->
                                TreeEntry.parseAt(
                                        "JWXYDBPXYWG6FX3GMDIBFA6CJ4",
                                        ENTRIES.get("C7HRFPF3BLGF3YR4DY5KX3SMBE")))
                .isInstanceOf(DnsTreeException.class)
                .hasMessageContaining("hash");
        assertThatThrownBy(() -> TreeEntry.parse("enrtree-root:v1 e=X l=Y seq=1 sig=abc"))
                .isInstanceOf(DnsTreeException.class);
        assertThatThrownBy(() -> TreeEntry.parse("enrtree-branch:abc,"))
                .isInstanceOf(DnsTreeException.class);
        assertThatThrownBy(() -> TreeEntry.parse("enr:AAAA")).isInstanceOf(DnsTreeException.class);
        assertThatThrownBy(() -> TreeEntry.parse("v=spf1 -all"))
                .isInstanceOf(DnsTreeException.class);
        assertThatThrownBy(() -> TreeEntry.parse("x".repeat(2000)))
                .isInstanceOf(DnsTreeException.class);
        assertThatThrownBy(() -> EnrTreeUrl.parse("enrtree://AAAA@x.org"))
                .isInstanceOf(DnsTreeException.class);
    }
}

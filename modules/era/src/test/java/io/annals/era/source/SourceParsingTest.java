package io.annals.era.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceParsingTest {

    @Test
    void linksOfAnIndexPage() {
        assertThat(
                        HttpSource.links(
                                "<a href=\"mainnet-00000-5ec1ffb8.era1\">x</a> <a href = \"/dir/sepolia-00001-a5364e9a.era1?x=1\">"))
                .containsExactly("mainnet-00000-5ec1ffb8.era1", "sepolia-00001-a5364e9a.era1");
    }

    @Test
    void checksumsInTheSha256sumFormat() {
        String sha = "ab".repeat(32);
        Map<String, String> parsed =
                Checksums.parse(
                        "# comment\n\n" + sha.toUpperCase() + "  a.era1\n" + sha + " *b.ere\n");
        assertThat(parsed).containsEntry("a.era1", sha).containsEntry("b.ere", sha).hasSize(2);
        assertThatThrownBy(() -> Checksums.parse("nothex a.era1")).hasMessageContaining("line 1");
    }
}

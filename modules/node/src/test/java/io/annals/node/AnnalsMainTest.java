package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnalsMainTest {

    @Test
    void flagsWinOverTheConfigFileWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("op.conf");
        Files.writeString(conf, "annals.node { network = sepolia, data-dir = from-file }");
        StringWriter text = new StringWriter();
        int code = AnnalsMain.newCommandLine(new PrintWriter(text, true))
                .execute("--config", conf.toString(), "--data-dir", "from-flag", "--print-config");
        assertThat(code).isZero();
        assertThat(text.toString()).contains("network sepolia, data dir from-flag");
    }

    @Test
    void aMissingConfigFileIsAClearError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        var cli = AnnalsMain.newCommandLine(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--config", dir.resolve("nope.conf").toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("config file not found");
    }
}

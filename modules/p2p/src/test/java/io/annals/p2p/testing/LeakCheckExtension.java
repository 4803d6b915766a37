package io.annals.p2p.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every class
 * of the module through extension auto-detection (see junit-platform.properties).
 */
public final class LeakCheckExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = LeakRecorder.drainLeaks();
        if (!leaks.isEmpty()) {
            fail(
                    leaks.size()
                            + " Netty buffer leak(s) in "
                            + context.getDisplayName()
                            + ":\n"
                            + String.join("\n", leaks));
        }
    }
}

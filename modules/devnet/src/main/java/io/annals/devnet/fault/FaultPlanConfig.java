package io.annals.devnet.fault;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.annals.devnet.config.ConfigSection;
import io.annals.p2p.wire.DisconnectReason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the per-peer fault plans from {@code annals.devnet.faults}, a list of entries, each naming
 * its peers and the faults they share:
 *
 * <pre>
 * faults = [
 *   { peers = [1], missing-tip { depth = 4, duration = 30s, parts = [bodies, receipts] } }
 *   { peers = [2], latency { min = 300ms, max = 1500ms } }
 *   { peers = [3], corrupt { bodies = false, receipts = true, share = 0.5 } }
 *   { peers = [4], disconnect { after-requests = 40, probability = 0.01, reason = useless-peer } }
 *   { peers = [5], partial { fraction = 0.5, parts = [headers, bodies, receipts] } }
 *   { peers = [6], stuck-at = 20005 }
 *   { peers = all, missing-tip { depth = 2, duration = 3s } }
 * ]
 * </pre>
 *
 * A peer may appear in one entry only. Every mistake is a {@link ConfigException} naming the key:
 * an unknown key, a peer index outside the devnet, a peer listed twice, a value out of range, a
 * fault block without a field that makes it do something.
 */
public final class FaultPlanConfig {
    private static final Set<String> ENTRY_KEYS =
            Set.of(
                    "peers",
                    "missing-tip",
                    "latency",
                    "disconnect",
                    "partial",
                    "corrupt",
                    "stuck-at");

    private FaultPlanConfig() {}

    /**
     * The plans of peers {@code 0..peerCount-1} from the {@code faults} list of {@code devnet}; a
     * peer without an entry gets {@link FaultPlan#NONE}.
     */
    public static FaultPlan[] parse(ConfigSection devnet, int peerCount) {
        FaultPlan[] plans = new FaultPlan[peerCount];
        Arrays.fill(plans, FaultPlan.NONE);
        if (!devnet.has("faults")) {
            return plans;
        }
        String[] assignedBy = new String[peerCount];
        for (ConfigSection entry : devnet.sections("faults")) {
            entry.allowOnly(ENTRY_KEYS);
            FaultPlan plan = plan(entry);
            for (int peer : peers(entry, peerCount)) {
                if (assignedBy[peer] != null) {
                    throw entry.bad(
                            "peers",
                            "peer "
                                    + peer
                                    + " already has a fault plan at "
                                    + assignedBy[peer]
                                    + "; put all of a peer's faults in one entry");
                }
                assignedBy[peer] = entry.path();
                plans[peer] = plan;
            }
        }
        return plans;
    }

    private static FaultPlan plan(ConfigSection entry) {
        FaultPlan plan = FaultPlan.NONE;
        try {
            if (entry.has("missing-tip")) {
                ConfigSection s =
                        entry.section("missing-tip")
                                .allowOnly(Set.of("depth", "duration", "parts"));
                plan =
                        plan.withMissingTip(
                                new MissingTip(
                                        (int) s.wholeNumber("depth", 1, 1024),
                                        s.duration("duration"),
                                        s.has("parts")
                                                ? parts(s, "parts")
                                                : EnumSet.of(Part.BODIES, Part.RECEIPTS)));
            }
            if (entry.has("latency")) {
                ConfigSection s = entry.section("latency").allowOnly(Set.of("min", "max"));
                plan = plan.withLatency(new Latency(s.duration("min"), s.duration("max")));
            }
            if (entry.has("disconnect")) {
                ConfigSection s =
                        entry.section("disconnect")
                                .allowOnly(Set.of("after-requests", "probability", "reason"));
                plan =
                        plan.withDisconnects(
                                new Disconnects(
                                        s.has("after-requests")
                                                ? (int)
                                                        s.wholeNumber(
                                                                "after-requests",
                                                                0,
                                                                Integer.MAX_VALUE)
                                                : 0,
                                        s.has("probability") ? s.number("probability", 0, 1) : 0,
                                        s.has("reason")
                                                ? reason(s)
                                                : DisconnectReason.USELESS_PEER));
            }
            if (entry.has("partial")) {
                ConfigSection s = entry.section("partial").allowOnly(Set.of("fraction", "parts"));
                plan =
                        plan.withPartial(
                                new PartialAnswers(
                                        s.number("fraction", 0, 1),
                                        s.has("parts")
                                                ? parts(s, "parts")
                                                : EnumSet.allOf(Part.class)));
            }
            if (entry.has("corrupt")) {
                ConfigSection s =
                        entry.section("corrupt").allowOnly(Set.of("bodies", "receipts", "share"));
                plan =
                        plan.withCorruption(
                                new Corruption(
                                        s.has("bodies") && s.bool("bodies"),
                                        s.has("receipts") && s.bool("receipts"),
                                        s.has("share") ? s.number("share", 0, 1) : 1.0));
            }
            if (entry.has("stuck-at")) {
                plan = plan.withStuckAt(entry.wholeNumber("stuck-at", 0, Long.MAX_VALUE));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(entry.path(), e.getMessage());
        }
        if (plan.isNone()) {
            throw entry.bad(
                    "peers",
                    "this entry names no fault; add one of "
                            + ENTRY_KEYS.stream()
                                    .filter(k -> !k.equals("peers"))
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        }
        return plan;
    }

    /**
     * The peers an entry of a per-peer list names: {@code peers = [0, 2]} or {@code peers = all}.
     */
    public static Set<Integer> peers(ConfigSection entry, int peerCount) {
        if (!entry.has("peers")) {
            throw entry.bad(
                    "peers",
                    "missing: say which peers this entry applies to, e.g. peers = [0, 2] or peers = all");
        }
        Set<Integer> peers = new TreeSet<>();
        ConfigList list;
        try {
            list = entry.list("peers");
        } catch (ConfigException.WrongType e) {
            if ("all".equals(entry.string("peers"))) {
                for (int i = 0; i < peerCount; i++) {
                    peers.add(i);
                }
                return peers;
            }
            throw entry.bad("peers", "expected a list of peer indexes like [0, 2] or the word all");
        }
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            Object raw = item.unwrapped();
            if (item.valueType() != ConfigValueType.NUMBER || !(raw instanceof Integer index)) {
                throw new ConfigException.WrongType(
                        item.origin(),
                        entry.pathOf("peers") + "[" + i + "]",
                        "a peer index",
                        ConfigSection.typeName(item));
            }
            if (index < 0 || index >= peerCount) {
                throw new ConfigException.BadValue(
                        item.origin(),
                        entry.pathOf("peers") + "[" + i + "]",
                        "peer "
                                + index
                                + " does not exist; this devnet has peers 0.."
                                + (peerCount - 1));
            }
            peers.add(index);
        }
        if (peers.isEmpty()) {
            throw entry.bad("peers", "the list is empty");
        }
        return peers;
    }

    private static Set<Part> parts(ConfigSection section, String key) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        List<String> names = section.strings(key);
        for (String name : names) {
            Part part =
                    Arrays.stream(Part.values())
                            .filter(p -> p.configName().equals(name))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            section.bad(
                                                    key,
                                                    "unknown part '"
                                                            + name
                                                            + "'; expected headers, bodies or receipts"));
            parts.add(part);
        }
        return parts;
    }

    private static DisconnectReason reason(ConfigSection section) {
        String name = section.string("reason");
        String constant = name.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(DisconnectReason.values())
                .filter(
                        reason ->
                                reason != DisconnectReason.UNKNOWN
                                        && reason.name().equals(constant))
                .findFirst()
                .orElseThrow(
                        () ->
                                section.bad(
                                        "reason",
                                        "unknown disconnect reason '"
                                                + name
                                                + "'; expected one of "
                                                + Arrays.stream(DisconnectReason.values())
                                                        .filter(r -> r != DisconnectReason.UNKNOWN)
                                                        .map(
                                                                r ->
                                                                        r.name()
                                                                                .toLowerCase(
                                                                                        Locale.ROOT)
                                                                                .replace('_', '-'))
                                                        .collect(Collectors.joining(", "))));
    }
}

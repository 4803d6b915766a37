package io.annals.rpc.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.rpc.methods.ErrorCodes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classification of request bodies, following go-ethereum's rpc/json.go and rpc/testdata. */
class RequestParserTest {
    private final RequestParser parser = new RequestParser(RpcJson.newMapper(1 << 20), 3);

    @Test
    void readsACall() {
        RequestEntry.Call call =
                (RequestEntry.Call)
                        single(
                                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\",\"params\":[1,\"a\"]}");
        assertThat(call.id().json()).isEqualTo("7");
        assertThat(call.method()).isEqualTo("eth_chainId");
        assertThat(call.params().toString()).isEqualTo("[1,\"a\"]");
        assertThat(call.isNotification()).isFalse();
    }

    @Test
    void keepsTheTextualFormOfIds() {
        assertThat(idOf("123456789012345678901234567890123"))
                .isEqualTo("123456789012345678901234567890123");
        assertThat(idOf("1.50")).isEqualTo("1.50");
        assertThat(idOf("-1e400")).isEqualTo("-1e400");
        assertThat(idOf("\"a \\\"quoted\\\" id\"")).isEqualTo("\"a \\\"quoted\\\" id\"");
        assertThat(idOf("\"\\u00e9\"")).isEqualTo("\"é\"");
        assertThat(idOf("null")).isEqualTo("null");
        assertThat(idOf("true")).isEqualTo("true");
    }

    @Test
    void anAbsentIdIsANotificationButANullIdIsACall() {
        RequestEntry.Call notification =
                (RequestEntry.Call) single("{\"jsonrpc\":\"2.0\",\"method\":\"m_x\"}");
        assertThat(notification.isNotification()).isTrue();
        RequestEntry.Call nullId =
                (RequestEntry.Call) single("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m_x\"}");
        assertThat(nullId.isNotification()).isFalse();
        assertThat(nullId.id()).isEqualTo(RequestId.NULL);
    }

    @Test
    void invalidMessagesKeepAScalarIdOnly() {
        assertInvalid(single("{\"jsonrpc\":\"2.1\",\"id\":1,\"method\":\"m_x\"}"), "1");
        assertInvalid(single("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"m_x\"}"), "1");
        assertInvalid(single("{\"id\":1,\"method\":\"m_x\"}"), "1");
        assertInvalid(single("{\"jsonrpc\":\"2.0\",\"id\":1}"), "1");
        assertInvalid(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}"), "1");
        assertInvalid(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"), "1");
        assertInvalid(single("{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"m_x\"}"), "null");
        assertInvalid(single("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"m_x\"}"), "null");
        assertInvalid(single("{\"jsonrpc\":\"2.0\"}"), "null");
        assertInvalid(single("1"), "null");
        assertInvalid(single("null"), "null");
        assertInvalid(single("\"text\""), "null");
    }

    @Test
    void batchesKeepOrderAndJunk() {
        ParsedBody.Batch batch =
                (ParsedBody.Batch)
                        parse(
                                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m_a\"},55,{\"jsonrpc\":\"2.0\",\"method\":\"m_b\"}]");
        List<RequestEntry> entries = batch.entries();
        assertThat(entries).hasSize(3);
        assertThat(((RequestEntry.Call) entries.get(0)).method()).isEqualTo("m_a");
        assertInvalid(entries.get(1), "null");
        assertThat(((RequestEntry.Call) entries.get(2)).isNotification()).isTrue();
    }

    @Test
    void emptyBatchIsRefusedWithOneObject() {
        ParsedBody.Rejected rejected = (ParsedBody.Rejected) parse(" [ ] ");
        assertThat(rejected.error().message()).isEqualTo("empty batch");
        assertThat(rejected.inArray()).isFalse();
    }

    @Test
    void batchTooLargeAnswersUnderTheFirstCallsId() {
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"m_a\"}";
        String call = "{\"jsonrpc\":\"2.0\",\"id\":\"first\",\"method\":\"m_a\"}";
        ParsedBody.Rejected rejected =
                (ParsedBody.Rejected)
                        parse(
                                "["
                                        + notification
                                        + ","
                                        + notification
                                        + ","
                                        + notification
                                        + ","
                                        + call
                                        + "]");
        assertThat(rejected.error().code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(rejected.error().message()).isEqualTo("batch too large");
        assertThat(rejected.id().json()).isEqualTo("\"first\"");
        assertThat(rejected.inArray()).isTrue();

        ParsedBody.Rejected noCalls = (ParsedBody.Rejected) parse("[1,2,3,4,5]");
        assertThat(noCalls.id()).isEqualTo(RequestId.NULL);
    }

    @Test
    void syntaxErrorsTrailingContentAndDeepNestingAreParseErrors() {
        assertParseError("");
        assertParseError("   ");
        assertParseError("'f");
        assertParseError("{\"jsonrpc\":\"2.0\",");
        assertParseError("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m_a\"}");
        assertParseError("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m_a\"} {}");
        assertParseError("[1,2,3,4,5,}"); // past the batch limit is still syntax-checked
        assertParseError(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m_a\",\"params\":"
                        + "[".repeat(RpcJson.MAX_NESTING_DEPTH + 1)
                        + "]".repeat(RpcJson.MAX_NESTING_DEPTH + 1)
                        + "}");
    }

    private void assertParseError(String body) {
        ParsedBody.Rejected rejected = (ParsedBody.Rejected) parse(body);
        assertThat(rejected.error().code()).isEqualTo(ErrorCodes.PARSE_ERROR);
        assertThat(rejected.error().message()).isEqualTo("parse error");
        assertThat(rejected.id()).isEqualTo(RequestId.NULL);
    }

    private static void assertInvalid(RequestEntry entry, String id) {
        assertThat(entry).isInstanceOf(RequestEntry.Invalid.class);
        RequestEntry.Invalid invalid = (RequestEntry.Invalid) entry;
        assertThat(invalid.id().json()).isEqualTo(id);
        assertThat(invalid.error().code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(invalid.error().message()).isEqualTo("invalid request");
    }

    private String idOf(String idJson) {
        return ((RequestEntry.Call)
                        single("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"m_x\"}"))
                .id()
                .json();
    }

    private RequestEntry single(String body) {
        return ((ParsedBody.Single) parse(body)).entry();
    }

    private ParsedBody parse(String body) {
        return parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.annals.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration of the RPC layer. */
public final class RpcJson {
    /**
     * Deep enough for every parameter of the methods served here; deeper input is refused unread.
     */
    static final int MAX_NESTING_DEPTH = 64;

    /** Longest number literal, in characters (ids are echoed as given, so they may be long). */
    static final int MAX_NUMBER_LENGTH = 1000;

    private RpcJson() {}

    /**
     * A mapper whose parser refuses documents and strings longer than {@code maxDocumentBytes},
     * nesting past {@value #MAX_NESTING_DEPTH} and numbers longer than {@value #MAX_NUMBER_LENGTH}
     * characters. Results are written with Jackson's defaults (records and JsonNodes as they are).
     */
    public static ObjectMapper newMapper(int maxDocumentBytes) {
        StreamReadConstraints constraints =
                StreamReadConstraints.builder()
                        .maxDocumentLength(maxDocumentBytes)
                        .maxStringLength(maxDocumentBytes)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build();
        // Field names are not canonicalized: Jackson's symbol table is shared by every parser of
        // the factory and grows with every distinct name a client sends, so hostile bodies of
        // random names made it rehash (a megabyte at a time, found by RequestParserFuzzTest) on
        // other clients' requests; a request has four names, so a String each costs nothing.
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(constraints)
                        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                        .build();
        return new ObjectMapper(factory);
    }
}

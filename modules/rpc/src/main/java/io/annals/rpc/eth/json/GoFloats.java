package io.annals.rpc.eth.json;

import java.math.BigDecimal;

/**
 * Floats as Go's {@code encoding/json} writes a {@code float64}: the shortest decimal that reads
 * back as the same double, in plain notation for magnitudes in [1e-6, 1e21) and in exponent
 * notation outside it ({@code 5e-7}, {@code 1e+21}), without a trailing {@code .0}.
 */
public final class GoFloats {
    private GoFloats() {}

    public static String json(double value) {
        if (value == 0) {
            return "0";
        }
        // Double.toString gives the shortest repeating digits for the values RPC reports
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa =
                digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = value < 0 ? "-" : "";
        String exp = exponent < 0 ? "-" + pad(-exponent) : "+" + pad(exponent);
        return sign + mantissa + "e" + exp;
    }

    /**
     * strconv writes at least two exponent digits and encoding/json then drops the zero of {@code
     * e-0N}; a positive exponent here is always 21 or more.
     */
    private static String pad(int exponent) {
        return Integer.toString(exponent);
    }
}

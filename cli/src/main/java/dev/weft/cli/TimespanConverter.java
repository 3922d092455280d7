package dev.weft.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks a time span given on weft's command line for the agent ({@code 30s}, {@code 500ms},
 * {@code 2m}) and returns it in the agent's notation, so that a typo is an error here, before any
 * JVM is touched, and not a warning in the other process's stderr.
 */
final class TimespanConverter implements ITypeConverter<String> {
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h)");

    @Override
    public String convert(String value) {
        Matcher matcher = TIMESPAN.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || matcher.group(1).chars().allMatch(digit -> digit == '0')) {
            throw new TypeConversionException("expected a time span such as 30s, 500ms or 2m but was '" + value + "'");
        }
        return Long.parseLong(matcher.group(1)) + matcher.group(2);
    }
}

package dev.weft.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts an option value to an enum constant by its lower-case {@code toString()}, ignoring case,
 * so that help and error messages show the values as users type them ({@code json}, not {@code JSON}).
 */
abstract class ChoiceConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E choice : type.getEnumConstants()) {
            if (choice.toString().equalsIgnoreCase(value)) {
                return choice;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        throw new TypeConversionException("expected one of " + choices + " but was '" + value + "'");
    }
}

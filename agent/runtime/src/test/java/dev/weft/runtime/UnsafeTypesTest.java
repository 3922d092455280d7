package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.text.DateFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Stack;
import java.util.Vector;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which receivers' calls are checked: the JDK's classes that are not thread-safe and their subclasses only. */
class UnsafeTypesTest {

    @Test
    void theListedClassesAndTheirSubclassesAreChecked() throws Exception {
        assertThat(kind(new HashMap<>())).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(new LinkedHashMap<>())).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(new LinkedHashSet<>())).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(new ArrayList<>())).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(EnumSet.noneOf(TimeUnit.class))).as("RegularEnumSet").isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(new StringBuilder())).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(DateFormat.getDateInstance())).as("SimpleDateFormat").isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(NumberFormat.getInstance())).as("DecimalFormat").isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(Calendar.getInstance())).as("GregorianCalendar").isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(MessageDigest.getInstance("SHA-256"))).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(Pattern.compile("a").matcher("a"))).isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(new HashMap<String, String>() { })).as("an application's subclass").isEqualTo(UnsafeTypes.CHECKED);
        assertThat(kind(new WeakHashMap<>())).as("get expunges").isEqualTo(UnsafeTypes.EVERY_CALL_WRITES);
    }

    @Test
    void threadSafeRelativesWrappersAndImmutablesAreNot() {
        Map<String, String> map = new HashMap<>();
        List<String> list = new ArrayList<>();
        for (Object safe : new Object[] {new Hashtable<>(), new Properties(), new Vector<>(), new Stack<>(),
            new StringBuffer(), new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>(),
            Collections.synchronizedMap(map), Collections.synchronizedList(list), Collections.unmodifiableMap(map),
            List.of(1, 2), Map.of(), Collections.emptyList(), "a string", Pattern.compile("a")}) {
            assertThat(kind(safe)).as(safe.getClass().getName()).isEqualTo(UnsafeTypes.UNCHECKED);
        }
    }

    @Test
    void anAnswerIsTheSameWhenCached() {
        assertThat(UnsafeTypes.kindOf(HashMap.class)).isEqualTo(UnsafeTypes.kindOf(HashMap.class))
            .isEqualTo(UnsafeTypes.CHECKED);
        assertThat(UnsafeTypes.kindOf(Hashtable.class)).isEqualTo(UnsafeTypes.kindOf(Hashtable.class))
            .isEqualTo(UnsafeTypes.UNCHECKED);
    }

    private static int kind(Object receiver) {
        return UnsafeTypes.kindOf(receiver.getClass());
    }
}

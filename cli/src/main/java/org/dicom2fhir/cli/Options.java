package org.dicom2fhir.cli;

import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;

/**
 * The command line of {@code dicom2fhir} once parsed: the value of each option of {@link CliOptions},
 * kept under the option itself, and STUDY_DIR. Filled in once by {@link CommandLineParser}.
 */
final class Options {
    private final Object[] values = new Object[CliOptions.ALL.size()];
    private final boolean[] given = new boolean[CliOptions.ALL.size()];
    private String studyDir;
    private boolean batch;
    private final List<String> roots = new ArrayList<>();

    /** STUDY_DIR as given, or null. */
    String studyDir() {
        return studyDir;
    }

    void studyDir(String dir) {
        this.studyDir = dir;
    }

    /** Whether the command line starts with {@code batch}: the archive subcommand. */
    boolean batch() {
        return batch;
    }

    void batch(boolean batch) {
        this.batch = batch;
    }

    /** The ROOTs of {@code batch}, in the order given. */
    List<String> roots() {
        return List.copyOf(roots);
    }

    void root(String root) {
        roots.add(root);
    }

    /** The value given for the option, else its default (which may be null). Not for repeatable options. */
    @SuppressWarnings("unchecked")
    <T> T get(OptionSpec<T> option) {
        if (option.repeatable()) {
            throw new IllegalArgumentException(option.longName().concat(" is repeatable: use all()"));
        }
        int i = option.index();
        return given[i] ? (T) values[i] : option.defaultValue();
    }

    /** Whether a flag is on (a negatable flag that was not given is off). */
    boolean on(OptionSpec<Boolean> flag) {
        return Boolean.TRUE.equals(get(flag));
    }

    /** Every value of a repeatable option, in the order given. */
    @SuppressWarnings("unchecked")
    <T> List<T> all(OptionSpec<T> option) {
        Object list = values[option.index()];
        return list == null ? List.of() : List.copyOf((List<T>) list);
    }

    boolean given(OptionSpec<?> option) {
        return given[option.index()];
    }

    /** The limits: each limit option given, else the limit's default. */
    Limits limits() {
        Limits limits = Limits.defaults();
        for (OptionSpec<Long> option : CliOptions.LIMITS) {
            if (given(option)) {
                Limit limit = option.limit();
                limits = limits.with(limit, get(option));
            }
        }
        return limits;
    }

    /**
     * Records one occurrence of the option; false when it was given before and may not be repeated.
     * Its value follows with {@link #set}.
     */
    boolean occurrence(OptionSpec<?> option) {
        int i = option.index();
        if (given[i] && !option.repeatable()) {
            return false;
        }
        given[i] = true;
        return true;
    }

    @SuppressWarnings("unchecked")
    <T> void set(OptionSpec<T> option, T value) {
        int i = option.index();
        if (option.repeatable()) {
            if (values[i] == null) {
                values[i] = new ArrayList<T>();
            }
            ((List<T>) values[i]).add(value);
        } else {
            values[i] = value;
        }
    }
}

package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patient, Study, Series and their nested records write their equals and hashCode out (the grouping compares every
 * file's values): each component must count, as it does in a record's generated equals. Built by reflection over the record components,
 * so a component added later and forgotten in equals fails here.
 */
class InstanceFactsEqualityTest {
    @ParameterizedTest
    @ValueSource(classes = {InstanceFacts.Patient.class, InstanceFacts.Study.class, InstanceFacts.Series.class,
            InstanceFacts.Issuer.class, InstanceFacts.Code.class, InstanceFacts.Person.class, InstanceFacts.Request.class,
            InstanceFacts.Region.class, InstanceFacts.Equipment.class, InstanceFacts.Specimen.class,
            InstanceFacts.OtherPatientId.class, InstanceFacts.Reason.class})
    void everyComponentCounts(Class<? extends Record> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] base = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            base[i] = sample(components[i], false);
        }
        Record one = create(type, base);
        Record same = create(type, base.clone());
        assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
        for (int i = 0; i < components.length; i++) {
            Object[] changed = base.clone();
            changed[i] = sample(components[i], true);
            Record other = create(type, changed);
            assertThat(other).as(type.getSimpleName() + "." + components[i].getName()).isNotEqualTo(one);
            assertThat(one).as(type.getSimpleName() + "." + components[i].getName()).isNotEqualTo(other);
        }
    }

    private static Record create(Class<? extends Record> type, Object[] args) throws Exception {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class[]::new);
        Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(args);
    }

    /** A value of the component's type: the base one, or another. */
    private static Object sample(RecordComponent component, boolean other) throws Exception {
        Class<?> type = component.getType();
        if (type == String.class) {
            return other ? "other " + component.getName() : new String("same");
        }
        if (type == List.class) {
            if (!other) {
                return List.of();
            }
            Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            return List.of(filled(element));
        }
        if (type.isRecord()) {
            return other ? filled(type) : null;
        }
        throw new AssertionError("no sample for " + type);
    }

    /** A record with every component set. */
    private static Object filled(Class<?> type) throws Exception {
        if (type == String.class) {
            return "filled";
        }
        @SuppressWarnings("unchecked")
        Class<? extends Record> record = (Class<? extends Record>) type;
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = components[i].getType() == List.class ? List.of() : filled(components[i].getType());
        }
        return create(record, args);
    }
}

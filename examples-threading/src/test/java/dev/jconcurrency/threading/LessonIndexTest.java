package dev.jconcurrency.threading;

import dev.jconcurrency.core.testing.LessonIndexContract;

import java.util.List;

/** The module's indexes (Main's list, the README's table, each lesson's javadoc) agree with the lessons. */
class LessonIndexTest extends LessonIndexContract {

    @Override
    protected List<Class<?>> lessons() {
        return Main.lessons();
    }

    @Override
    protected String topic() {
        return "Threading";
    }
}

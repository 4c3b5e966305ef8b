package dev.sturdy.runtime.micronaut.declaration;

import io.micronaut.inject.ExecutableMethod;


/**
 * How messages name a method.
 *
 * @param display {@code PriceService#quote}, as exceptions name it
 * @param location {@code PriceService.quote(String)}, as configuration errors name it
 * @param fullName {@code com.acme.PriceService#quote}, as configuration keys name it
 * @param uniqueName {@code com.acme.PriceService#quote(java.lang.String)}: one per method, overloads apart
 */
record MethodName(String display, String location, String fullName, String uniqueName) {

    /** Built once per protected method at start-up, so with plain loops rather than streams. */
    static MethodName of(ExecutableMethod<?, ?> method) {
        Class<?> declaring = method.getDeclaringType();
        String type = declaring.getSimpleName();
        String name = method.getMethodName();
        StringBuilder location = new StringBuilder(type).append('.').append(name).append('(');
        String fullName = declaring.getName() + "#" + name;
        StringBuilder unique = new StringBuilder(fullName).append('(');
        Class<?>[] parameters = method.getArgumentTypes();
        for (int i = 0; i < parameters.length; i++) {
            location.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
            unique.append(i == 0 ? "" : ",").append(parameters[i].getName());
        }
        return new MethodName(type + "#" + name, location.append(')').toString(), fullName, unique.append(')').toString());
    }
}

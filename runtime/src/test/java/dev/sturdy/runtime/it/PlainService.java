package dev.sturdy.runtime.it;

import jakarta.inject.Singleton;

@Singleton
public class PlainService {
    public String hello() {
        return "hello";
    }
}

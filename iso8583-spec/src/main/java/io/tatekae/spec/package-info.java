package io.tatekae.spec;

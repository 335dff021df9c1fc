package io.tatekae.bench;

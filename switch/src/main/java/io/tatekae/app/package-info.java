package io.tatekae.app;

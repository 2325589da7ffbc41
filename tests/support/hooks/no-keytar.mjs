// Loaded with `node --import` into a console process to make it behave as an installation where
// npm left out keytar (its native build failed): requiring 'keytar' fails as a missing module does.
import Module from 'node:module';

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithoutKeytar(request, ...rest) {
  if (request === 'keytar') {
    const error = new Error("Cannot find module 'keytar'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};

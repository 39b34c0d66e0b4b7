#!/usr/bin/env node
// Runs the language server from source (packages have no build step), on stdio with --stdio.
// Editors other than VS Code, and VS Code with the "sqlite" facts source, start this file.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

// Type-aware linting for the whole project. The office-addins plugin catches Office.js
// mistakes (reading before load/sync, sync inside loops); the restricted-imports rule keeps
// src/core host-free (STYLE habit 1).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';

const hostImports = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
      message: 'src/core is host-free: no UI imports.',
    },
    { group: ['@fluentui/*'], message: 'src/core is host-free: no UI imports.' },
    {
      group: ['@microsoft/office-js', 'office-js', '@types/office-js'],
      message: 'src/core is host-free: no Office.js.',
    },
    {
      group: ['exceljs', 'fflate'],
      message: 'src/core is host-free: file formats live in src/xlsx.',
    },
    {
      group: [
        'node:*',
        'fs',
        'path',
        'os',
        'child_process',
        'crypto',
        'stream',
        'zlib',
        'util',
        'buffer',
      ],
      message: 'src/core is host-free: no Node built-ins.',
    },
    {
      group: ['../excel/*', '../xlsx/*', '../cli/*', '../taskpane/*', '../commands/*'],
      message: 'src/core depends on no adapter.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'lib/',
      'coverage/',
      'test-artifacts/',
      'bin/',
      '*.config.js',
      '*.config.mjs',
      'scripts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', hostImports],
      'no-restricted-globals': [
        'error',
        'Excel',
        'Office',
        'window',
        'document',
        'process',
        'require',
      ],
    },
  },
  {
    files: ['src/excel/**/*.ts', 'src/commands/**/*.ts', 'src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/no-office-initialize': 'error',
    },
  },
  {
    files: ['src/taskpane/**/*.tsx', 'test/**/*.tsx'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // Tests poke at fakes and parsed XML; keep them strict on types but allow non-null assertions.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);

/** Command line, configuration and hand wiring of every role; the only module that sees every other. */
package dev.switchboard.bootstrap;

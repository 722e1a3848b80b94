/**
 * The HTTP side: routes, JSON views of the live state, the server-sent event hub, bearer-token checks
 * and the page's assets (held in memory; no route reads the file system).
 */
package dev.headroom.dashboard.http;

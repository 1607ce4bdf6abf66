/* The map page: filters in the URL drive the map, the timeline and the list together.
   Everything is drawn from this server's API and the packaged country borders. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var mapEl = document.getElementById("map");
  var statusEl = document.getElementById("status");
  var listEl = document.getElementById("list");
  var countEl = document.getElementById("count");
  var timelineEl = document.getElementById("timeline");
  var countriesEl = document.getElementById("countries");
  var colours = JSON.parse(document.getElementById("type-colours").textContent);
  var limit = Number(mapEl.dataset.limit) || 5000;
  var SVG = "http://www.w3.org/2000/svg";
  var seq = 0;
  var firstLoad = true;

  var map = L.map(mapEl, {worldCopyJump: true, minZoom: 2, maxZoom: 13, zoomSnap: 0.5, preferCanvas: false});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (Crimea drawn outside Ukraine)");
  map.setView([25, 20], 2);
  /* Borders get a pane of their own under the markers' (overlayPane, z-index 400). */
  map.createPane("borders").style.zIndex = 250;
  var borders = L.layerGroup().addTo(map);
  fetch("/static/vendor/world-atlas/countries-50m.json")
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {interactive: false, pane: "borders", renderer: L.svg({pane: "borders"}),
        style: {color: "#9aa0a6", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1}}).addTo(borders);
      mapEl.dataset.borders = String(land.features.length);
    })
    .catch(function () { setStatus("The country borders could not be loaded.", true); });

  var cluster = L.markerClusterGroup({maxClusterRadius: 36, disableClusteringAtZoom: 8,
    showCoverageOnHover: false, spiderfyOnMaxZoom: true});
  map.addLayer(cluster);

  function setStatus(text, isError) {
    statusEl.textContent = text || "";
    statusEl.className = "status" + (isError ? " error" : "");
  }

  function params() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (String(value).trim() !== "") p.append(key, value); });
    return p;
  }

  function radius(killed) { return 5 + Math.min(22, 2.2 * Math.sqrt(killed || 0)); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function placeOf(p) {
    var loc = p.location || {};
    return [loc.name, loc.admin1, loc.country].filter(function (x, i, a) { return x && a.indexOf(x) === i; }).join(", ");
  }

  function killedOf(p) { return p.fatalities ? p.fatalities.best : null; }

  function popup(p) {
    var box = el("div", null, "popup");
    var a = el("a", p.sub_event_type + (placeOf(p) ? " in " + placeOf(p) : ""));
    a.href = "/events/" + encodeURIComponent(p.id);
    box.appendChild(a);
    box.appendChild(el("div", (p.date || "date unknown") + " · " + p.event_type));
    var killed = killedOf(p);
    box.appendChild(el("div", "Killed: " + (killed === null ? "no figure" : killed) + " · reports: " + p.n_reports));
    return box;
  }

  function drawMarkers(features) {
    cluster.clearLayers();
    var layers = [];
    features.forEach(function (f) {
      var p = f.properties;
      var c = f.geometry.coordinates;
      var colour = colours[p.event_type] || "#555";
      var m = L.circleMarker([c[1], c[0]], {radius: radius(killedOf(p)), color: "#222", weight: 1,
        fillColor: colour, fillOpacity: 0.85, className: "event-marker"});
      m.bindPopup(popup(p));
      m.eventId = p.id;
      layers.push(m);
    });
    cluster.addLayers(layers);
    mapEl.dataset.markers = String(layers.length);
    if (layers.length && firstLoad) {
      var b = L.latLngBounds(layers.map(function (m) { return m.getLatLng(); }));
      map.fitBounds(b.pad(0.15), {maxZoom: 6});
    }
  }

  function drawList(features, total) {
    listEl.textContent = "";
    countEl.textContent = total + (total === 1 ? " event" : " events") +
      (features.length < total ? " (" + features.length + " on the map)" : "");
    features.slice(0, 300).forEach(function (f) {
      var p = f.properties;
      var li = el("li", null, "event-item");
      li.dataset.id = p.id;
      var sw = el("span", null, "swatch");
      sw.style.background = colours[p.event_type] || "#555";
      li.appendChild(sw);
      var a = el("a", p.sub_event_type + (placeOf(p) ? " — " + placeOf(p) : ""));
      a.href = "/events/" + encodeURIComponent(p.id);
      li.appendChild(a);
      var killed = killedOf(p);
      li.appendChild(el("div", (p.date || "?") + (killed !== null ? " · " + killed + " killed" : "") +
        (p.review !== "new" ? " · " + p.review : ""), "muted"));
      li.addEventListener("mouseenter", function () { highlight(p.id); });
      listEl.appendChild(li);
    });
  }

  function highlight(id) {
    cluster.eachLayer(function (m) {
      if (m.eventId === id && m.setStyle) { m.setStyle({weight: 3, color: "#000"}); } else if (m.setStyle) { m.setStyle({weight: 1, color: "#222"}); }
    });
  }

  function addDays(iso, n) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function bucketOf(iso, unit) {
    if (unit === "day") return iso;
    if (unit === "month") return iso.slice(0, 7) + "-01";
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));  /* the week's Monday */
    return d.toISOString().slice(0, 10);
  }

  function nextBucket(iso, unit) {
    if (unit === "day") return addDays(iso, 1);
    if (unit === "week") return addDays(iso, 7);
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  }

  function drawTimeline(perDay) {
    timelineEl.textContent = "";
    var total = perDay.reduce(function (s, d) { return s + d.events; }, 0);
    timelineEl.dataset.events = String(total);
    timelineEl.dataset.days = String(perDay.length);
    if (!perDay.length) { timelineEl.appendChild(el("p", "No dated events.", "muted")); return; }
    var first = perDay[0].date, last = perDay[perDay.length - 1].date;
    var span = (new Date(last) - new Date(first)) / 86400000;
    var unit = span <= 150 ? "day" : (span <= 1100 ? "week" : "month");
    var buckets = {};
    perDay.forEach(function (d) {
      var k = bucketOf(d.date, unit);
      var b = buckets[k] || (buckets[k] = {events: 0, fatalities: 0});
      b.events += d.events; b.fatalities += d.fatalities;
    });
    var keys = [];
    for (var k = bucketOf(addDays(first, -1), unit); k <= last && keys.length < 5000; k = nextBucket(k, unit)) keys.push(k);
    keys.push(nextBucket(keys[keys.length - 1], unit));
    var width = Math.max(timelineEl.clientWidth - 16 || 600, 300), height = 130, left = 34, right = 40, top = 12, bottom = 22;
    var plotW = width - left - right, plotH = height - top - bottom;
    var values = keys.map(function (key) { return buckets[key] || {events: 0, fatalities: 0}; });
    var maxE = Math.max.apply(null, values.map(function (d) { return d.events; }));
    var maxK = Math.max(1, Math.max.apply(null, values.map(function (d) { return d.fatalities; })));
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", width); svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", total + " events on " + perDay.length + " days");
    var step = plotW / keys.length;
    var line = [];
    keys.forEach(function (key, i) {
      var d = values[i];
      var x = left + i * step;
      if (d.events) {
        var h = Math.max(2, plotH * d.events / maxE);
        var r = document.createElementNS(SVG, "rect");
        r.setAttribute("x", x + step * 0.12); r.setAttribute("width", Math.max(2, step * 0.76));
        r.setAttribute("y", top + plotH - h); r.setAttribute("height", h);
        r.setAttribute("class", "bar"); r.dataset.date = key;
        var t = document.createElementNS(SVG, "title");
        t.textContent = (unit === "day" ? key : unit + " of " + key) + ": " + d.events +
          (d.events === 1 ? " event, " : " events, ") + d.fatalities + " killed";
        r.appendChild(t);
        r.addEventListener("click", function () {
          form.elements.since.value = key;
          form.elements.until.value = unit === "day" ? key : addDays(nextBucket(key, unit), -1);
          load(true);
        });
        svg.appendChild(r);
      }
      line.push((x + step / 2).toFixed(1) + "," + (top + plotH - plotH * d.fatalities / maxK).toFixed(1));
    });
    var pl = document.createElementNS(SVG, "polyline");
    pl.setAttribute("points", line.join(" ")); pl.setAttribute("class", "killed-line");
    svg.appendChild(pl);
    function text(x, y, s, cls, anchor) {
      var n = document.createElementNS(SVG, "text");
      n.setAttribute("x", x); n.setAttribute("y", y); n.textContent = s;
      n.setAttribute("class", cls || "axis"); if (anchor) n.setAttribute("text-anchor", anchor);
      svg.appendChild(n);
    }
    var axis = document.createElementNS(SVG, "line");
    axis.setAttribute("x1", left); axis.setAttribute("x2", left + plotW);
    axis.setAttribute("y1", top + plotH); axis.setAttribute("y2", top + plotH); axis.setAttribute("class", "axis-line");
    svg.appendChild(axis);
    text(left, height - 6, first, "axis", "start");
    text(left + plotW, height - 6, last, "axis", "end");
    text(left - 4, top + 8, String(maxE), "axis events-label", "end");
    text(left + plotW + 4, top + 8, String(maxK), "axis killed-label", "start");
    text(left + plotW / 2, height - 6, "bars: events per " + unit + " · red line: killed per " + unit +
      " (click a bar to zoom in)", "axis", "middle");
    timelineEl.appendChild(svg);
  }

  function fillCountries(perCountry) {
    countriesEl.textContent = "";
    perCountry.forEach(function (c) {
      var o = document.createElement("option");
      o.value = c.label; o.textContent = c.key;
      countriesEl.appendChild(o);
    });
  }

  function load(push) {
    var mine = ++seq;
    var p = params();
    var qs = p.toString();
    if (push) history.replaceState(null, "", qs ? "/?" + qs : "/");
    document.body.dataset.state = "loading";
    setStatus("Loading…");
    var ev = new URLSearchParams(p);
    ev.set("format", "geojson"); ev.set("limit", String(limit));
    Promise.all([fetch("/api/events?" + ev.toString(), {headers: {"Accept": "application/geo+json"}}),
                 fetch("/api/stats?" + qs)])
      .then(function (rs) {
        var bad = rs.filter(function (r) { return !r.ok; })[0];
        if (bad) {
          return bad.json().then(function (j) { throw new Error(j && j.error ? j.error.message : "request failed"); },
                                 function () { throw new Error("request failed (" + bad.status + ")"); });
        }
        var total = Number(rs[0].headers.get("X-Total-Count"));
        return Promise.all([rs[0].json(), rs[1].json()]).then(function (js) { return [js[0], js[1], total]; });
      })
      .then(function (res) {
        if (mine !== seq) return;
        var features = res[0].features;
        drawMarkers(features);
        drawList(features, res[2]);
        drawTimeline(res[1].per_day);
        fillCountries(res[1].per_country);
        setStatus(res[1].events + " events, " + res[1].fatalities + " killed (best estimates)");
        firstLoad = false;
        document.body.dataset.state = "ready";
      })
      .catch(function (err) {
        if (mine !== seq) return;
        cluster.clearLayers(); mapEl.dataset.markers = "0";
        listEl.textContent = ""; timelineEl.textContent = ""; countEl.textContent = "";
        setStatus(err.message, true);
        document.body.dataset.state = "error";
      });
  }

  var timer = null;
  form.addEventListener("submit", function (e) { e.preventDefault(); load(true); });
  form.addEventListener("change", function () { load(true); });
  form.addEventListener("input", function (e) {
    if (e.target.type === "search" || e.target.type === "text" || !e.target.type) {
      clearTimeout(timer); timer = setTimeout(function () { load(true); }, 500);
    }
  });
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(function () { load(false); }, 300); });
  load(false);
})();

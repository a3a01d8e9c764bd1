package metrics

import (
	"fmt"
	"math"
	"strings"
)

// Weights of the yearly raw score, as in the Global Terrorism Index.
const (
	WeightIncident = 1.0
	WeightDeath    = 3.0
	WeightInjury   = 0.5
	WeightHostage  = 0.5
)

// YearWeights are the weights of the five years ending with the scored
// year, most recent first: 16·raw(Y) + 8·raw(Y−1) + 4·raw(Y−2) +
// 2·raw(Y−3) + raw(Y−4).
var YearWeights = [5]float64{16, 8, 4, 2, 1}

// WeightDivisor divides the weighted sum of five years.
const WeightDivisor = 5.0

// YearTotals are one year's counts for a group or a country.
type YearTotals struct {
	Incidents float64 `json:"incidents"`
	Deaths    float64 `json:"deaths"`
	Injuries  float64 `json:"injuries"`
	Hostages  float64 `json:"hostages"`
}

// Raw is the year's raw score: incidents·1 + deaths·3 + injuries·0.5 +
// hostages·0.5.
func (t YearTotals) Raw() float64 {
	return t.Incidents*WeightIncident + t.Deaths*WeightDeath + t.Injuries*WeightInjury + t.Hostages*WeightHostage
}

func (t *YearTotals) add(u YearTotals) {
	t.Incidents += u.Incidents
	t.Deaths += u.Deaths
	t.Injuries += u.Injuries
	t.Hostages += u.Hostages
}

// ImpactYear is one year's part of an impact score.
type ImpactYear struct {
	Year int `json:"year"`
	YearTotals
	Raw      float64 `json:"raw"`
	Weight   float64 `json:"weight"`
	Weighted float64 `json:"weighted"` // Weight·Raw
}

// Impact is a five-year weighted impact score and its parts.
type Impact struct {
	Year       int          `json:"year"`
	Score      float64      `json:"score"` // the weighted value, rounded to three decimals
	Components []ImpactYear `json:"components"`
	Explain    string       `json:"explain"`
}

// ImpactScore returns the weighted value of year: (16·raw(year) +
// 8·raw(year−1) + 4·raw(year−2) + 2·raw(year−3) + raw(year−4)) / 5, where
// raw(y) = incidents + 3·deaths + 0.5·injuries + 0.5·hostages of yearly[y]
// and a year absent from yearly counts as zero. Components lists the five
// years, most recent first.
func ImpactScore(yearly map[int]YearTotals, year int) Impact {
	im := Impact{Year: year, Components: make([]ImpactYear, len(YearWeights))}
	var sum float64
	var terms []string
	for k, w := range YearWeights {
		y := year - k
		t := yearly[y]
		r := t.Raw()
		im.Components[k] = ImpactYear{Year: y, YearTotals: t, Raw: r, Weight: w, Weighted: w * r}
		sum += w * r
		terms = append(terms, fmt.Sprintf("%g·%g", w, r))
	}
	im.Score = round3(sum / WeightDivisor)
	im.Explain = fmt.Sprintf("weighted value for %d = (%s) / %g = %g, with raw(y) = incidents + 3·deaths + 0.5·injuries + 0.5·hostages for years %d to %d (most recent first)",
		year, strings.Join(terms, " + "), WeightDivisor, im.Score, year, year-len(YearWeights)+1)
	return im
}

// weighted is the unrounded weighted value of year.
func weighted(yearly map[int]YearTotals, year int) float64 {
	var sum float64
	for k, w := range YearWeights {
		sum += w * yearly[year-k].Raw()
	}
	return sum / WeightDivisor
}

// round3 rounds x to three decimals, halves away from zero.
func round3(x float64) float64 {
	return math.Round(x*1000) / 1000
}

"""The 8 Marmot Principles, the default framework every new database starts with.

Wording from *Health Equity in England: The Marmot Review 10 Years On* (Institute of
Health Equity, 2020), which added principles 7 and 8 to the six of *Fair Society,
Healthy Lives* (2010).
"""

FRAMEWORK_NAME = "The 8 Marmot Principles"
FRAMEWORK_DESCRIPTION = (
    "The principles Marmot places commit to in order to reduce health inequalities: "
    "what shapes health across the whole of life, from early years to older age."
)

PRINCIPLES = (
    (
        1,
        "Give every child the best start in life",
        "Best start in life",
        "Early years development, parenting support and school readiness.",
    ),
    (
        2,
        "Enable all children, young people and adults to maximise their capabilities "
        "and have control over their lives",
        "Capabilities and control",
        "Education, skills and lifelong learning, and young people in work or training.",
    ),
    (
        3,
        "Create fair employment and good work for all",
        "Fair employment and good work",
        "Employment, good-quality jobs, fair pay and healthy workplaces.",
    ),
    (
        4,
        "Ensure a healthy standard of living for all",
        "Healthy standard of living",
        "Income, poverty, debt and the cost of living.",
    ),
    (
        5,
        "Create and develop healthy and sustainable places and communities",
        "Healthy places and communities",
        "Housing, transport, green space, safety and community life.",
    ),
    (
        6,
        "Strengthen the role and impact of ill health prevention",
        "Ill health prevention",
        "Smoking, weight, physical activity, alcohol and early death.",
    ),
    (
        7,
        "Tackle racism, discrimination and their outcomes",
        "Racism and discrimination",
        "Differences in outcomes by ethnicity and other protected characteristics.",
    ),
    (
        8,
        "Pursue environmental sustainability and health equity together",
        "Environmental sustainability",
        "Air quality, warm homes, active travel and climate resilience.",
    ),
)

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddLearning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learner",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    RegisteredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OptionalRemindersOff = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learner", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learner_unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrolment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    CourseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrolledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enrolment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_enrolment_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lessonView",
                columns: table => new
                {
                    LearnerId = table.Column<int>(type: "integer", nullable: false),
                    LessonKey = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lessonView", x => new { x.LearnerId, x.LessonKey });
                    table.ForeignKey(
                        name: "FK_lessonView_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_CourseKey",
                table: "enrolment",
                column: "CourseKey");

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_LearnerId_CourseKey",
                table: "enrolment",
                columns: new[] { "LearnerId", "CourseKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learner_AccountId",
                table: "learner",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learner_Key",
                table: "learner",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learner_UnitId",
                table: "learner",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_lessonView_LearnerId_CourseKey",
                table: "lessonView",
                columns: new[] { "LearnerId", "CourseKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrolment");

            migrationBuilder.DropTable(
                name: "lessonView");

            migrationBuilder.DropTable(
                name: "learner");
        }
    }
}
